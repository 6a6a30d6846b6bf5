package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Share of pixels whose OpenCV 8-bit HSV (H in 0..179) lies in the red box: red H 0–10 or 170–179, S 50–255,
 * V 40–255, bounds inclusive; in [0, 1] (Encord Active's {@code red}). See {@link HsvStats}.
 */
public final class RedFraction implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.red_fraction", "Red fraction",
            "Share of pixels in the OpenCV HSV box red H 0–10 or 170–179, S 50–255, V 40–255 (H in 0..179; Encord Active's red).",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        HsvStats s = HsvStats.of(image.pixels());
        return (double) s.red() / s.pixels();
    }
}
