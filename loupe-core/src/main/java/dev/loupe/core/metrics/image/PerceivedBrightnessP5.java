package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * The 5th percentile (numpy's linear method) of the per-pixel perceived brightness
 * sqrt(0.241·R² + 0.691·G² + 0.068·B²) / 255, in [0, 1] (CleanVision's dark score). See
 * {@link BrightnessPercentiles}.
 */
public final class PerceivedBrightnessP5 implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.perceived_brightness_p5", "Perceived brightness p5",
            "5th percentile (numpy linear) of per-pixel sqrt(0.241 R² + 0.691 G² + 0.068 B²)/255.",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return BrightnessPercentiles.of(image.pixels()).p5();
    }
}
