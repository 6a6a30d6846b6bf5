package dev.loupe.core.metrics.dataset;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Share of the dataset's annotations that have the annotation's class: count(class) / number of
 * annotations with a class. Low values mark rare (undersampled) classes. Annotations without a
 * class get no value and do not count.
 */
public final class ClassFrequency implements DatasetMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.class_frequency",
            "Class frequency", "Number of annotations of this annotation's class / number of annotations with a "
                    + "class, over the dataset; missing for annotations without a class.",
            ValueKind.UNIT_INTERVAL, MetricDescriptor.ALL_SHAPES, Direction.HIGHER_IS_BETTER)
            // One value per class: its quartiles are those of the class sizes weighted by themselves, and every
            // object of a small class would be a "severe outlier" (about 700 on bccd). Rare classes are a finding of
            // the class balance, not of each object.
            .withoutOutliers();

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }

    @Override
    public Accumulator start() {
        return new Rereading() {
            private final Map<Integer, Long> counts = new HashMap<>();
            private long total;

            @Override
            public void observe(DatasetItem item, Object[] inputs) {
                if (item.classId() != null) {
                    counts.merge(item.classId(), 1L, Long::sum);
                    total++;
                }
            }

            @Override
            public void revisit(DatasetItem item, Object[] inputs, ValueSink out) {
                if (item.classId() != null) {
                    out.accept(item.id(), counts.get(item.classId()) / (double) total);
                }
            }
        };
    }
}
