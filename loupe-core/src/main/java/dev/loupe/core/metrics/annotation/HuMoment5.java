package dev.loupe.core.metrics.annotation;

/** annotation.hu_5: log-scaled Hu moment h5 of the object's mask (see {@link HuMomentMetric}). */
public final class HuMoment5 extends HuMomentMetric {
    public HuMoment5() {
        super(5);
    }
}
