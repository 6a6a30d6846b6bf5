package dev.loupe.formats;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code loupe init} hands a {@link DatasetFormat}.
 *
 * @param images  the folder the image paths are relative to
 * @param labels  the label file or folder ({@code --labels}, {@code --coco FILE}, ...); null when the format reads none
 * @param classes a class names file ({@code --classes}); null when not given
 */
public record ImportRequest(Path images, Path labels, Path classes) {
    public ImportRequest {
        Objects.requireNonNull(images, "images");
    }
}
