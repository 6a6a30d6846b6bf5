package dev.loupe.formats.coco;

import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.PredictionRequest;

/** The built-in {@code coco} prediction format. */
public final class CocoResultsFormat implements PredictionFormat {
    @Override
    public String id() {
        return "coco";
    }

    @Override
    public String description() {
        return "COCO results JSON ([{image_id, category_id, bbox or segmentation, score}])";
    }

    @Override
    public PredictionReader open(PredictionRequest r) {
        return new CocoResultsReader(r.file());
    }
}
