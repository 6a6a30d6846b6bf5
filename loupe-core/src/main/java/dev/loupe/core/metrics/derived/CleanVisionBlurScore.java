package dev.loupe.core.metrics.derived;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import java.util.List;

/**
 * CleanVision's blur score from two per-image metrics: blur = 1 − exp(−0.01·blurriness),
 * s = 1 − exp(−0.01·grey-histogram std), set to 0 when s ≤ 0.18; score = min(1, blur + s). Low
 * means blurry (CleanVision flags score < 0.29). A combination of stored values, so it runs in the
 * dataset phase although each image's score depends only on its own values.
 */
public final class CleanVisionBlurScore implements DatasetMetric {
    static final String BLURRINESS = "image.blurriness_cleanvision";
    static final String GREY_STD = "image.grey_hist_std";
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.blur_score_cleanvision",
            "Blur score (CleanVision)", "min(1, (1 − exp(−0.01·blurriness)) + s), s = 1 − exp(−0.01·grey-histogram std) "
                    + "when above 0.18 else 0; low = blurry (CleanVision's score).",
            ValueKind.UNIT_INTERVAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> inputs() {
        return List.of(BLURRINESS, GREY_STD);
    }

    /** The score from the two inputs. */
    static double score(double blurriness, double greyStd) {
        double blur = 1 - Math.exp(-0.01 * blurriness);
        double s = 1 - Math.exp(-0.01 * greyStd);
        if (s <= 0.18) {
            s = 0;
        }
        return Math.min(1, blur + s);
    }

    @Override
    public Accumulator start() {
        return new Rereading() {
            @Override
            public void observe(DatasetItem item, Object[] inputs) {
                // Nothing to gather: the score is the item's own, given on the second read.
            }

            @Override
            public void revisit(DatasetItem item, Object[] inputs, ValueSink out) {
                if (inputs[0] instanceof Number b && inputs[1] instanceof Number s) {
                    out.accept(item.id(), score(b.doubleValue(), s.doubleValue()));
                }
            }
        };
    }
}
