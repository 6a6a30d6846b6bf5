package dev.loupe.api;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * A value per item that depends on the whole dataset (class frequency, duplicate groups), computed
 * after the per-item metrics: every item is observed with the stored values of the metrics it
 * reads, then the accumulator gives each item its value. {@link #run} is the order of calls every
 * runner follows.
 */
public interface DatasetMetric extends Metric {
    /** Ids of the per-item metrics whose values {@link Accumulator#observe} receives, in that order. */
    List<String> inputs();

    Accumulator start();

    /**
     * Runs an accumulator over the items: {@link Accumulator#observe} for each; for a
     * {@link Rereading} accumulator {@link Rereading#revisit} for each again, in the same order;
     * then {@link Accumulator#finish}.
     *
     * @param items calls its argument once for every item with its inputs, the same items in the
     *              same order each time it is called
     */
    static void run(Accumulator acc, Items items, ValueSink out) {
        items.forEach(acc::observe);
        if (acc instanceof Rereading r) {
            items.forEach((item, inputs) -> r.revisit(item, inputs, out));
        }
        acc.finish(out);
    }

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

    /**
     * An accumulator that reads the items twice instead of holding them: {@link #observe} keeps only
     * what is needed per group (a count per class, a mean per class), and {@link #revisit} gives
     * each item its value from that on the second read. Its memory is per group, not per item
     * (10^7 annotations held as objects take gigabytes of heap). {@link #finish} is still called
     * last, and may give nothing.
     */
    interface Rereading extends Accumulator {
        /** Called for every item again, after {@link #observe} saw them all; gives the item's value, if it has one. */
        void revisit(DatasetItem item, Object[] inputs, ValueSink out);

        @Override
        default void finish(ValueSink out) {
        }
    }

    /** The items of a dataset pass, readable more than once. */
    @FunctionalInterface
    interface Items {
        void forEach(BiConsumer<DatasetItem, Object[]> consumer);
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
