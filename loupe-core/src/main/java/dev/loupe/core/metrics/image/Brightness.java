package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Brightness: mean of all R, G and B values divided by 255, in [0, 1] (Encord Active's
 * {@code brightness}). Computed exactly from the channel histogram.
 */
public final class Brightness implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.brightness", "Brightness",
            "Mean of all R, G and B values / 255 (Encord Active's brightness).",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        ChannelHistogram h = ChannelHistogram.of(image.pixels());
        double sum = h.sum(0) + h.sum(256) + h.sum(512);
        return sum / (3.0 * h.pixels()) / 255;
    }
}
