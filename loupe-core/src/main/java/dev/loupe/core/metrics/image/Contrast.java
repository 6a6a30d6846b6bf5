package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Contrast: population standard deviation of all R, G and B values (pooled) divided by 255, in
 * [0, 0.5] (Encord Active's {@code contrast}). Computed from exact integer sums.
 */
public final class Contrast implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.contrast", "Contrast",
            "Population standard deviation of all R, G and B values / 255 (Encord Active's contrast).",
            ValueKind.UNIT_INTERVAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        ChannelHistogram h = ChannelHistogram.of(image.pixels());
        double n = 3.0 * h.pixels();
        double mean = (h.sum(0) + h.sum(256) + h.sum(512)) / n;
        double meanSq = (h.sumOfSquares(0) + h.sumOfSquares(256) + h.sumOfSquares(512)) / n;
        return Math.sqrt(Math.max(0, meanSq - mean * mean)) / 255;
    }
}
