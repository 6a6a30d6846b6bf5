package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Population standard deviation of the 256 bin counts of the grey histogram of CleanVision's small
 * image (Pillow BICUBIC resize to longest side ≤ 64, then {@code convert("L")}); unit: pixels per bin.
 * High when few grey levels are used (CleanVision's {@code grayscale std}, an input of its blur score).
 */
public final class GreyHistStd implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.grey_hist_std", "Grey histogram std",
            "Population std of the 256 bin counts of the grey image resized to longest side 64 (CleanVision's grayscale std).",
            ValueKind.NON_NEGATIVE_REAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        PillowGrey.Grey g = PillowGrey.cleanVision(image.pixels());
        int[] hist = new int[256];
        for (byte b : g.pixels()) {
            hist[b & 0xFF]++;
        }
        double mean = g.pixels().length / 256.0;
        double ss = 0;
        for (int c : hist) {
            ss += (c - mean) * (c - mean);
        }
        return Math.sqrt(ss / 256);
    }
}
