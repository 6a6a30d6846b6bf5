package dev.loupe.core.metrics.annotation;

/** annotation.hu_2: log-scaled Hu moment h2 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment2 extends HuMomentMetric {
    public HuMoment2() {
        super(2);
    }
}
