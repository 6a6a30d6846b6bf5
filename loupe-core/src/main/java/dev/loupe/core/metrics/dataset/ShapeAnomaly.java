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
        return new Rereading() {
            private final Map<Integer, ClassMoments> byClass = new HashMap<>();

            @Override
            public void observe(DatasetItem item, Object[] inputs) {
                double[] hu = moments(item, inputs);
                if (hu != null) {
                    byClass.computeIfAbsent(item.classId(), c -> new ClassMoments()).add(hu);
                }
            }

            @Override
            public void revisit(DatasetItem item, Object[] inputs, ValueSink out) {
                double[] hu = moments(item, inputs);
                if (hu != null) {
                    out.accept(item.id(), byClass.get(item.classId()).score(hu));
                }
            }
        };
    }

    /** The seven moments of an object of a class, or null when it has no class or a moment is missing. */
    private static double[] moments(DatasetItem item, Object[] inputs) {
        if (item.classId() == null) {
            return null;
        }
        double[] v = new double[MOMENTS];
        for (int k = 0; k < MOMENTS; k++) {
            if (!(inputs[k] instanceof Number num) || !Double.isFinite(num.doubleValue())) {
                return null;
            }
            v[k] = num.doubleValue();
        }
        return v;
    }

    /**
     * Each moment's mean and population variance over a class, updated one object at a time
     * (Welford's method: no sum of squares that cancels), so that a class takes 15 numbers however
     * many objects it has.
     */
    private static final class ClassMoments {
        private long count;
        private final double[] mean = new double[MOMENTS];
        private final double[] squares = new double[MOMENTS];

        void add(double[] hu) {
            count++;
            for (int k = 0; k < MOMENTS; k++) {
                double d = hu[k] - mean[k];
                mean[k] += d / count;
                squares[k] += d * (hu[k] - mean[k]);
            }
        }

        /** The distance of an object's z-vector to the class mean; NaN for a class that is too small. */
        double score(double[] hu) {
            if (count < MIN_CLASS_SIZE) {
                return Double.NaN;
            }
            double sum = 0;
            for (int k = 0; k < MOMENTS; k++) {
                double sd = Math.sqrt(squares[k] / count);
                if (sd > 0) {
                    double z = (hu[k] - mean[k]) / sd;
                    sum += z * z;
                }
            }
            return Math.sqrt(sum);
        }
    }
}
