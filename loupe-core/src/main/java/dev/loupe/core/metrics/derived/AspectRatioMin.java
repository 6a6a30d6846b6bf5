package dev.loupe.core.metrics.derived;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/** min(w/h, h/w): 1 for a square, small for long thin images (CleanVision's odd-aspect-ratio score). */
public final class AspectRatioMin implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.aspect_ratio_min",
            "Aspect ratio (short/long)", "min(width/height, height/width): 1 for a square image, near 0 for a strip.",
            ValueKind.UNIT_INTERVAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        double w = image.width();
        double h = image.height();
        return Math.min(w / h, h / w);
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
