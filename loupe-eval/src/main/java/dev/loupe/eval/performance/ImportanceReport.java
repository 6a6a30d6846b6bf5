package dev.loupe.eval.performance;

import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Association of every metric with one target.
 *
 * @param items           number of items
 * @param binaryTarget    true when the target takes only the values 0 and 1
 * @param positives       items with target 1 for a binary target, else items with target &gt; 0
 * @param sampleTooSmall  true when fewer than {@code minItems} items, or (binary target) fewer than
 *                        {@code minPerOutcome} positives or negatives: the figures are computed but
 *                        should not be trusted
 * @param sampleNote      why the sample is too small, or "" when it is not
 * @param targetEntropyNats entropy of the (binned) target, nats
 * @param forestNoiseShare the forest importance earned by a random feature unrelated to the target
 *                        (a shadow feature): metrics whose forestImportance is not clearly above it
 *                        are indistinguishable from noise (NaN when the forest was skipped)
 * @param metrics         one row per metric, in the input map's order
 */
public record ImportanceReport(int items, boolean binaryTarget, long positives, boolean sampleTooSmall,
                               String sampleNote, double targetEntropyNats, double forestNoiseShare,
                               List<MetricImportanceRow> metrics) {
    public ImportanceReport {
        metrics = List.copyOf(metrics);
    }

    /** The rows sorted by a measure, largest first (NaN last); use {@code r -> Math.abs(r.pearson())} for |r|. */
    public List<MetricImportanceRow> rankedBy(ToDoubleFunction<MetricImportanceRow> measure) {
        Comparator<MetricImportanceRow> byValue = Comparator.comparingDouble(r -> {
            double v = measure.applyAsDouble(r);
            return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
        });
        return metrics.stream().sorted(byValue.reversed()).toList();
    }

    /**
     * The forest share that pure noise earns here: the larger of the forest's own shadow feature
     * and Loupe's random metrics (image.random, annotation.random), which are noise by design; a
     * metric whose share is not clearly (1.5x) above it is indistinguishable from noise.
     */
    public double noiseLevel() {
        double noise = Double.isNaN(forestNoiseShare) ? 0 : forestNoiseShare;
        for (MetricImportanceRow row : metrics) {
            if (row.metric().endsWith(".random") && row.forestImportance() > noise) {
                noise = row.forestImportance();
            }
        }
        return noise;
    }
}
