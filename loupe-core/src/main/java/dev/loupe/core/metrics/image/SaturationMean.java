package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Mean saturation: mean of OpenCV's 8-bit HSV S channel (S = round(255·(max − min)/max), 0 for
 * black) divided by 255, in [0, 1]. See {@link HsvStats}.
 */
public final class SaturationMean implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.saturation_mean", "Saturation",
            "Mean OpenCV 8-bit HSV saturation / 255.",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        HsvStats s = HsvStats.of(image.pixels());
        return (double) s.saturation() / s.pixels() / 255;
    }
}
