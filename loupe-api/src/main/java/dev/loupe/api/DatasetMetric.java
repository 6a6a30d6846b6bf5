package dev.loupe.api;

import java.util.List;

/**
 * A value per item that depends on the whole dataset (class frequency, duplicate groups), computed
 * in two phases after the per-item metrics: every item is observed with the stored values of the
 * metrics it reads, then the accumulator gives each item its value.
 */
public interface DatasetMetric extends Metric {
    /** Ids of the per-item metrics whose values {@link Accumulator#observe} receives, in that order. */
    List<String> inputs();

    Accumulator start();

    /** One dataset pass. Not shared between threads. */
    interface Accumulator {
        /**
         * @param item   the item (image or annotation, as the descriptor's scope says)
         * @param inputs the values of {@link #inputs()}: Double for numbers, String for hashes, null when missing
         */
        void observe(DatasetItem item, Object[] inputs);

        /** Gives every item its value (items left out get no value). */
        void finish(ValueSink out);
    }

    /** Receives the values. */
    interface ValueSink {
        void accept(long itemId, double value);
    }

    /**
     * An item as a dataset metric sees it.
     *
     * @param id       the image or annotation id
     * @param imageId  the image id (equal to id for images)
     * @param classId  the annotation's class id, or null (always null for images)
     */
    record DatasetItem(long id, long imageId, Integer classId) {
    }
}
