package dev.loupe.core.metrics.annotation;

/** annotation.hu_7: log-scaled Hu moment h7 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment7 extends HuMomentMetric {
    public HuMoment7() {
        super(7);
    }
}
