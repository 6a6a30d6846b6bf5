package dev.loupe.core.metrics.annotation;

/** annotation.hu_1: log-scaled Hu moment h1 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment1 extends HuMomentMetric {
    public HuMoment1() {
        super(1);
    }
}
