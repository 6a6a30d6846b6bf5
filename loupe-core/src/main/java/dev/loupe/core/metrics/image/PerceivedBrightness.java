package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Perceived brightness: sqrt(0.241·R̄² + 0.691·Ḡ² + 0.068·B̄²) / 255 where R̄, Ḡ, B̄ are the channel
 * means (0..255), in [0, 1] (CleanVision's {@code brightness}, with Pillow ImageStat's means).
 */
public final class PerceivedBrightness implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.perceived_brightness", "Perceived brightness",
            "sqrt(0.241 R̄² + 0.691 Ḡ² + 0.068 B̄²)/255 on the channel means (CleanVision's brightness).",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        ChannelHistogram h = ChannelHistogram.of(image.pixels());
        double r = h.pillowMean(0);
        double g = h.pillowMean(1);
        double b = h.pillowMean(2);
        return Math.sqrt(0.241 * (r * r) + 0.691 * (g * g) + 0.068 * (b * b)) / 255;
    }
}
