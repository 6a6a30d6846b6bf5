package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Number of ground-truth objects (annotations of any shape, image-level labels included) on the image.
 */
public final class ObjectCount implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.object_count", "Object count",
            "Number of annotations (ground-truth objects) on the image.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return image.objects().size();
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
