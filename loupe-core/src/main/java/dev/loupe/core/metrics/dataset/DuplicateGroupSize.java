package dev.loupe.core.metrics.dataset;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Number of images of the dataset with exactly the same decoded pixels (same image.pixel_hash),
 * the image itself included: 1 = unique, 2 = one exact duplicate, ... Images without a hash get no
 * value.
 */
public final class DuplicateGroupSize implements DatasetMetric {
    static final String INPUT = "image.pixel_hash";
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.duplicate_group_size",
            "Exact duplicates", "Number of images whose decoded pixels are the same as this image's (same "
                    + "image.pixel_hash), itself included (1 = unique).",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.LOWER_IS_BETTER).withVersion("2");

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> inputs() {
        return List.of(INPUT);
    }

    @Override
    public Accumulator start() {
        return new Rereading() {
            private final Map<String, Integer> counts = new HashMap<>();

            @Override
            public void observe(DatasetItem item, Object[] inputs) {
                String key = key(inputs[0]);
                if (key != null) {
                    counts.merge(key, 1, Integer::sum);
                }
            }

            @Override
            public void revisit(DatasetItem item, Object[] inputs, ValueSink out) {
                String key = key(inputs[0]);
                if (key != null) {
                    out.accept(item.id(), counts.get(key));
                }
            }
        };
    }

    /** The hash as the groups compare it, or null when there is none. */
    private static String key(Object input) {
        return input instanceof String hash && !hash.isEmpty() ? hash.toLowerCase(Locale.ROOT) : null;
    }
}
