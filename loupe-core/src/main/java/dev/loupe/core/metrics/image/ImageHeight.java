package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Stored image height in pixels (EXIF orientation is not applied).
 */
public final class ImageHeight implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.height", "Height",
            "Stored height in pixels (EXIF orientation not applied).",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return image.height();
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
