package dev.loupe.core.metrics.annotation;

/** annotation.hu_4: log-scaled Hu moment h4 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment4 extends HuMomentMetric {
    public HuMoment4() {
        super(4);
    }
}
