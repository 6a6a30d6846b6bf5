package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * Hu moment k of the object's raster mask, log-scaled: sign(h)·log10|h| ({@link HuMoments}); 0
 * when h is exactly 0 (h3..h7 of shapes symmetric under a half turn, such as every box). Inputs of
 * the dataset metric annotation.shape_anomaly; no outliers of their own. Missing for objects with no
 * pixel (or a side above 40 000 pixels).
 */
abstract class HuMomentMetric implements AnnotationMetric {
    private final MetricDescriptor descriptor;
    private final int k;

    HuMomentMetric(int k) {
        this.k = k;
        this.descriptor = MetricDescriptor.annotation("annotation.hu_" + k, "Hu moment " + k,
                "sign(h)·log10|h| of the Hu moment invariant h" + k + " of the object's raster mask (OpenCV "
                        + "HuMoments definition; 0 when h" + k + " is exactly 0); input of annotation.shape_anomaly.",
                ValueKind.REAL, ShapeKind.SPATIAL, Direction.NONE).withoutOutliers();
    }

    @Override
    public final MetricDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final double compute(AnnotationContext annotation) {
        HuMoments hu = annotation.object().derived("object.hu.moments", o -> HuMoments.of(o.raster()));
        return hu == null ? Double.NaN : hu.signedLog10(k);
    }
}
