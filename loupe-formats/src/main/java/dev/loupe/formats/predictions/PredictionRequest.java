package dev.loupe.formats.predictions;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code loupe predictions import} hands a {@link PredictionFormat}.
 *
 * @param file    the results file or folder
 * @param classes a class names file the predictions' indices refer to ({@code --classes}); null when not given
 */
public record PredictionRequest(Path file, Path classes) {
    public PredictionRequest {
        Objects.requireNonNull(file, "file");
    }
}
