package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Aspect ratio width / height of the stored image (no unit; > 1 for landscape).
 */
public final class AspectRatio implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.aspect_ratio", "Aspect ratio",
            "width / height (stored orientation).",
            ValueKind.NON_NEGATIVE_REAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return (double) image.width() / image.height();
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
