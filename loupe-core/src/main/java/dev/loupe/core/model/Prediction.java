package dev.loupe.core.model;

import java.util.Objects;

/**
 * One model prediction of a named prediction set: a scored box, polygon or mask of a class.
 *
 * @param id         Loupe's id, unique within the project (1, 2, ...)
 * @param imageId    the {@link ImageRecord#id()} it was made on
 * @param categoryId the {@link Category#id()} it predicts
 * @param geometry   the shape in pixels (never an image-level label: classification predictions are
 *                   class probabilities, see {@link PredictionSink#probability})
 * @param score      confidence in [0, 1]
 * @param area       the area COCO evaluation uses (pycocotools loadRes: w * h for box results, the
 *                   mask's pixel count for segmentation results), or null to let evaluation derive it
 * @param sourceId   where it came from ("/17" JSON pointer of a results file, "img.txt:3"), or null
 */
public record Prediction(long id, long imageId, int categoryId, Geometry geometry, double score, Double area,
                         String sourceId) {
    public Prediction {
        Objects.requireNonNull(geometry, "geometry");
        if (id <= 0) {
            throw new IllegalArgumentException("prediction id must be > 0: " + id);
        }
        if (geometry.box() == null) {
            throw new IllegalArgumentException("prediction " + id + " has no box, polygon or mask");
        }
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("prediction " + id + ": score " + score + " is not in [0, 1]");
        }
    }
}
