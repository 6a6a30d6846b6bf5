package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Image area: width × height, in pixels.
 */
public final class ImageArea implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.area", "Area",
            "width × height, in pixels.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return (double) image.width() * image.height();
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
