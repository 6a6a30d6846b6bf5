package dev.loupe.core.metrics.runner;

import java.util.List;

/**
 * What the metrics gave for one image: values for the image, for each of its annotations, the
 * failures, and which metrics were attempted (so that the image counts as done for them, failed
 * or not: a failure is recorded, not retried forever).
 *
 * @param imageValues  numeric image metric values (NaN = missing)
 * @param hashValues   hash metric values (null = missing)
 * @param annotationValues per annotation, its numeric values
 * @param attempted    "id@version" of the metrics attempted on this image (its pending list)
 */
public record ImageResult(long imageId, List<Value> imageValues, List<Hash> hashValues,
                          List<AnnotationValues> annotationValues, List<Failure> failures, List<String> attempted) {

    /** A numeric value of one metric. */
    public record Value(String metricId, double value) {
    }

    /** A hash value of one metric. */
    public record Hash(String metricId, String value) {
    }

    /** The numeric values of one annotation. */
    public record AnnotationValues(long annotationId, List<Value> values) {
    }

    /**
     * A metric that failed on one item.
     *
     * @param metricId the metric, or "decode" when the image could not be decoded (every pixel metric skipped)
     * @param itemType "image" or "annotation"
     */
    public record Failure(String metricId, String itemType, long itemId, String message) {
    }
}
