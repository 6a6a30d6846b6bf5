package dev.loupe.formats.yolo;

import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.PredictionRequest;

/** The built-in {@code yolo} prediction format. */
public final class YoloPredictionFormat implements PredictionFormat {
    @Override
    public String id() {
        return "yolo";
    }

    @Override
    public String description() {
        return "YOLO txt predictions folder (class cx cy w h confidence per line, normalised; --classes names the indices)";
    }

    @Override
    public PredictionReader open(PredictionRequest r) {
        return new YoloPredictionReader(r.file(), r.classes());
    }
}
