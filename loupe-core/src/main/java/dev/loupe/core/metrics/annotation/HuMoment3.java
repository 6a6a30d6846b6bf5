package dev.loupe.core.metrics.annotation;

/** annotation.hu_3: log-scaled Hu moment h3 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment3 extends HuMomentMetric {
    public HuMoment3() {
        super(3);
    }
}
