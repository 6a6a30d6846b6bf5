package dev.loupe.core.metrics.dataset;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How unusual an object's shape is for its class: the seven log-scaled Hu moments
 * (annotation.hu_1 … hu_7) are z-scored within the class (population standard deviation; a moment
 * that is constant over the class contributes 0), and the score is the Euclidean norm of the
 * object's z-vector, i.e. its distance to the class mean in z units. 0 = typical. Like Encord
 * Active's disabled "shape outlier" metric, but reported as a distance (higher = more unusual)
 * rather than its inverse.
 *
 * <p>Missing for classes with fewer than {@value #MIN_CLASS_SIZE} objects (no meaningful spread),
 * for annotations without a class, and for objects with a missing Hu moment (no pixels).
 */
public final class ShapeAnomaly implements DatasetMetric {
    /** Smallest class for which the score is given. */
    public static final int MIN_CLASS_SIZE = 5;
    private static final int MOMENTS = 7;
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.annotation("annotation.shape_anomaly",
            "Shape anomaly", "Distance of the object's 7 log-scaled Hu moments to its class mean, each moment z-scored "
                    + "over the class (0 = typical shape); missing for classes with fewer than " + MIN_CLASS_SIZE
                    + " objects.",
            ValueKind.NON_NEGATIVE_REAL, ShapeKind.SPATIAL, Direction.LOWER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> inputs() {
        List<String> ids = new ArrayList<>();
        for (int k = 1; k <= MOMENTS; k++) {
            ids.add("annotation.hu_" + k);
        }
        return List.copyOf(ids);
    }

    @Override
    public Accumulator start() {
        return new Accumulator() {
            private final Map<Integer, List<Row>> byClass = new HashMap<>();

            @Override
            public void observe(DatasetItem item, Object[] inputs) {
                if (item.classId() == null) {
                    return;
                }
                double[] v = new double[MOMENTS];
                for (int k = 0; k < MOMENTS; k++) {
                    if (!(inputs[k] instanceof Number num) || !Double.isFinite(num.doubleValue())) {
                        return;
                    }
                    v[k] = num.doubleValue();
                }
                byClass.computeIfAbsent(item.classId(), c -> new ArrayList<>()).add(new Row(item.id(), v));
            }

            @Override
            public void finish(ValueSink out) {
                for (List<Row> rows : byClass.values()) {
                    score(rows, out);
                }
            }
        };
    }

    private record Row(long id, double[] hu) {
    }

    private static void score(List<Row> rows, ValueSink out) {
        if (rows.size() < MIN_CLASS_SIZE) {
            rows.forEach(r -> out.accept(r.id(), Double.NaN));
            return;
        }
        double[] mean = new double[MOMENTS];
        double[] sd = new double[MOMENTS];
        for (int k = 0; k < MOMENTS; k++) {
            double m = 0;
            for (Row r : rows) {
                m += r.hu()[k];
            }
            m /= rows.size();
            double ss = 0;
            for (Row r : rows) {
                double d = r.hu()[k] - m;
                ss += d * d;
            }
            mean[k] = m;
            sd[k] = Math.sqrt(ss / rows.size());
        }
        for (Row r : rows) {
            double sum = 0;
            for (int k = 0; k < MOMENTS; k++) {
                if (sd[k] > 0) {
                    double z = (r.hu()[k] - mean[k]) / sd[k];
                    sum += z * z;
                }
            }
            out.accept(r.id(), Math.sqrt(sum));
        }
    }
}
