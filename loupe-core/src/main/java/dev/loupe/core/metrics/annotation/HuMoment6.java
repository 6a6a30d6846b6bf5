package dev.loupe.core.metrics.annotation;

/** annotation.hu_6: log-scaled Hu moment h6 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment6 extends HuMomentMetric {
    public HuMoment6() {
        super(6);
    }
}
