package dev.loupe.eval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters of a COCO evaluation (pycocotools {@code Params} for "bbox" and "segm").
 *
 * @param iouType          what IoU is computed on
 * @param iouThresholds    the IoU thresholds T, each in [0, 1] (COCO: 0.50, 0.55, ..., 0.95)
 * @param recallThresholds the recall points R at which precision is read, ascending in [0, 1]
 *                         (COCO: 0.00, 0.01, ..., 1.00)
 * @param maxDets          detection limits per image and category M, ascending, each &gt; 0 (COCO:
 *                         1, 10, 100); matching keeps the top {@code maxDets.get(M-1)} detections.
 *                         Given unsorted they are sorted, as pycocotools does
 * @param areaRanges       object-size buckets A with unique labels (COCO: all, small, medium, large)
 * @param useCategories    true: match detections only to ground truths of the same class;
 *                         false: pool all classes (class-agnostic), K = 1
 */
public record EvalParams(IouType iouType, List<Double> iouThresholds, List<Double> recallThresholds,
                         List<Integer> maxDets, List<AreaRange> areaRanges, boolean useCategories) {

    /** The COCO size buckets: areas in square pixels, 1e5^2 standing for "no upper limit". */
    public static final List<AreaRange> COCO_AREA_RANGES = List.of(
            new AreaRange("all", 0, 1e5 * 1e5),
            new AreaRange("small", 0, 32 * 32),
            new AreaRange("medium", 32 * 32, 96 * 96),
            new AreaRange("large", 96 * 96, 1e5 * 1e5));

    public EvalParams {
        Objects.requireNonNull(iouType, "iouType");
        iouThresholds = List.copyOf(iouThresholds);
        recallThresholds = List.copyOf(recallThresholds);
        areaRanges = List.copyOf(areaRanges);
        List<Integer> sorted = new ArrayList<>(maxDets);
        sorted.sort(null);
        maxDets = List.copyOf(sorted);
        if (iouThresholds.isEmpty() || recallThresholds.isEmpty() || maxDets.isEmpty() || areaRanges.isEmpty()) {
            throw new IllegalArgumentException("IoU thresholds, recall thresholds, maxDets and area ranges must not be"
                    + " empty");
        }
        for (double t : iouThresholds) {
            if (!(t >= 0 && t <= 1)) {
                throw new IllegalArgumentException("IoU threshold " + t + " must be in [0, 1]");
            }
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (double r : recallThresholds) {
            if (!(r >= 0 && r <= 1) || r < previous) {
                throw new IllegalArgumentException("recall thresholds must be ascending in [0, 1], got "
                        + recallThresholds);
            }
            previous = r;
        }
        if (maxDets.get(0) <= 0) {
            throw new IllegalArgumentException("maxDets must be > 0, got " + maxDets);
        }
        Set<String> labels = new HashSet<>();
        for (AreaRange a : areaRanges) {
            if (!labels.add(a.label())) {
                throw new IllegalArgumentException("area range label \"" + a.label() + "\" is used twice");
            }
        }
    }

    /**
     * pycocotools' defaults for detection: IoU thresholds {@code np.linspace(.5, 0.95, 10)},
     * recall thresholds {@code np.linspace(.0, 1.00, 101)} (bit for bit, so that 0.5 and 0.75 are
     * found exactly), maxDets 1, 10, 100, the four COCO area ranges, per-class matching.
     */
    public static EvalParams defaults(IouType iouType) {
        int nIou = NumpyMath.roundHalfEven((0.95 - .5) / .05) + 1;
        int nRec = NumpyMath.roundHalfEven((1.00 - .0) / .01) + 1;
        return new EvalParams(iouType, boxed(NumpyMath.linspace(.5, 0.95, nIou)),
                boxed(NumpyMath.linspace(.0, 1.00, nRec)), List.of(1, 10, 100), COCO_AREA_RANGES, true);
    }

    /** A copy with other detection limits. */
    public EvalParams withMaxDets(List<Integer> limits) {
        return new EvalParams(iouType, iouThresholds, recallThresholds, limits, areaRanges, useCategories);
    }

    /** A copy with class-aware ({@code true}) or class-agnostic matching. */
    public EvalParams withUseCategories(boolean use) {
        return new EvalParams(iouType, iouThresholds, recallThresholds, maxDets, areaRanges, use);
    }

    /** The largest detection limit: how many detections per image and category are matched. */
    public int maxDetsLimit() {
        return maxDets.get(maxDets.size() - 1);
    }

    /** The index of the IoU threshold equal to t (exact comparison, as pycocotools), or -1. */
    public int iouIndex(double t) {
        return iouThresholds.indexOf(t);
    }

    /** The index of the area range with this label, or -1. */
    public int areaIndex(String label) {
        for (int i = 0; i < areaRanges.size(); i++) {
            if (areaRanges.get(i).label().equals(label)) {
                return i;
            }
        }
        return -1;
    }

    double[] iouThresholdArray() {
        return iouThresholds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[] recallThresholdArray() {
        return recallThresholds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
