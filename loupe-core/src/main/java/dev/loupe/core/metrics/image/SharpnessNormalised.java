package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Normalised sharpness: sqrt(image.sharpness) / (8 × 255), clamped to [0, 1] (8 × 255 bounds the
 * Laplacian's magnitude; the form Encord Active stores in its database).
 */
public final class SharpnessNormalised implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.sharpness_normalised", "Sharpness (normalised)",
            "sqrt(Laplacian variance of RGB) / (8·255), clamped to [0, 1] (Encord Active's stored form).",
            ValueKind.UNIT_INTERVAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        double v = Math.sqrt(LaplacianMoments.rgb(image.pixels()).variance()) / (8 * 255.0);
        return Math.min(1, Math.max(0, v));
    }
}
