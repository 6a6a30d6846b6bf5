package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ValueKind;

/**
 * Histogram entropy in bits, as Pillow's {@code Image.entropy()} (CleanVision's {@code entropy}):
 * −Σ p·log2 p over the 768 bins of the R, G and B histograms together (p = count / (3 × pixels)),
 * or over the 256-bin grey histogram when the source had one colour channel (Pillow's mode "L").
 * Differs from Pillow for palette, RGBA and LA files, which Pillow measures on indices or with alpha.
 */
public final class Entropy implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.entropy", "Entropy",
            "Shannon entropy in bits of the 768-bin RGB histogram (256-bin for grey sources), as Pillow's Image.entropy().",
            ValueKind.NON_NEGATIVE_REAL, Direction.HIGHER_IS_BETTER);
    private static final double LOG2E = 1.4426950408889634; // M_LOG2E, as Pillow's C code

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        PixelImage px = image.pixels();
        int[] bins = ChannelHistogram.of(px).bins();
        int length = px.channels() <= 2 ? 256 : 768;
        long total = 0;
        for (int i = 0; i < length; i++) {
            total += bins[i];
        }
        double fsum = total;
        double entropy = 0;
        for (int i = 0; i < length; i++) {
            double p = bins[i] / fsum;
            if (p != 0.0) {
                entropy += p * Math.log(p) * LOG2E;
            }
        }
        return -entropy;
    }
}
