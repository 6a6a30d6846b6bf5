package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Share of pixels whose OpenCV 8-bit HSV (H in 0..179) lies in the green box: green H 35–75, S 50–255,
 * V 40–255, bounds inclusive; in [0, 1] (Encord Active's {@code green}). See {@link HsvStats}.
 */
public final class GreenFraction implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.green_fraction", "Green fraction",
            "Share of pixels in the OpenCV HSV box green H 35–75, S 50–255, V 40–255 (H in 0..179; Encord Active's green).",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        HsvStats s = HsvStats.of(image.pixels());
        return (double) s.green() / s.pixels();
    }
}
