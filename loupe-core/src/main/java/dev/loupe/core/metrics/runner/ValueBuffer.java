package dev.loupe.core.metrics.runner;

import dev.loupe.api.DatasetMetric;
import java.util.Arrays;

/**
 * The values a dataset metric gives, kept in two primitive arrays (16 bytes a value: 160 MB for
 * 10^7 annotations). A metric gives at most one value per item it saw, so the arrays are sized once
 * by the number of items of the first read instead of being copied while they grow.
 */
final class ValueBuffer implements DatasetMetric.ValueSink {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private int reads;
    private long firstReadItems;
    private long[] ids = new long[0];
    private double[] values = new double[0];
    private int size;

    /** Called at the start of each read of the items. */
    void readStarts() {
        reads++;
    }

    /** Called for each item read. */
    void itemRead() {
        if (reads == 1) {
            firstReadItems++;
        }
    }

    @Override
    public void accept(long itemId, double value) {
        if (size == ids.length) {
            long capacity = Math.max(Math.max(1024, size + (size >> 1)), firstReadItems);
            if (size == MAX_ARRAY) {
                throw new IllegalStateException("a dataset metric gave more than " + MAX_ARRAY + " values");
            }
            ids = Arrays.copyOf(ids, (int) Math.min(MAX_ARRAY, capacity));
            values = Arrays.copyOf(values, ids.length);
        }
        ids[size] = itemId;
        values[size++] = value;
    }

    long[] ids() {
        return ids;
    }

    double[] values() {
        return values;
    }

    int size() {
        return size;
    }
}
