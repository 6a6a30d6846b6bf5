package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import java.nio.charset.StandardCharsets;

/**
 * A no-signal baseline: a pseudo-random number, uniform on [0, 1), that depends only on the image's
 * relative path (FNV-1a 64 of its UTF-8 bytes, mixed by SplitMix64's finaliser, top 53 bits / 2^53),
 * so that it is the same in every run and on every machine. Never an outlier.
 */
public final class RandomBaseline implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.random", "Random",
            "Deterministic pseudo-random U(0,1) from a hash of the image path: a no-signal baseline for comparisons.",
            ValueKind.UNIT_INTERVAL, Direction.NONE).withoutOutliers();

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return of(image.path());
    }

    static double of(String path) {
        long h = 0xcbf29ce484222325L;
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h = h ^ (h >>> 31);
        return (h >>> 11) * 0x1.0p-53;
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
