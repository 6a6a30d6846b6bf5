package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Size of the image file in bytes.
 */
public final class FileSize implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.file_size", "File size",
            "Size of the image file in bytes.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return image.fileSize();
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
