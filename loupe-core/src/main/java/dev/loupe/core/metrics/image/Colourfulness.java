package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ValueKind;

/**
 * Hasler and Süsstrunk's colourfulness on 0..255 values: with rg = R − G and yb = (R + G)/2 − B per
 * pixel, sqrt(σrg² + σyb²) + 0.3·sqrt(μrg² + μyb²) (population standard deviations and means over
 * the pixels); 0 for any grey image. Exact integer sums (yb is summed doubled), from the channel
 * histogram and the cross-channel sums of {@link RgbPass}.
 */
public final class Colourfulness implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.colourfulness", "Colourfulness",
            "Hasler–Süsstrunk colourfulness on 0..255 values: sqrt(σrg²+σyb²) + 0.3·sqrt(μrg²+μyb²), rg = R−G, yb = (R+G)/2 − B.",
            ValueKind.NON_NEGATIVE_REAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        PixelImage px = image.pixels();
        RgbPass pass = RgbPass.of(px);
        ChannelHistogram hist = pass.histogram();
        long r = hist.sum(0);
        long g = hist.sum(256);
        long b = hist.sum(512);
        long rr = hist.sumOfSquares(0);
        long gg = hist.sumOfSquares(256);
        long bb = hist.sumOfSquares(512);
        // Σ(R − G), Σ(R − G)², Σ(R + G − 2B), Σ(R + G − 2B)², expanded into the exact channel sums.
        long sRg = r - g;
        long sRg2 = rr + gg - 2 * pass.sumRG();
        long sYb = r + g - 2 * b;
        long sYb2 = rr + gg + 4 * bb + 2 * pass.sumRG() - 4 * pass.sumRB() - 4 * pass.sumGB();
        double n = (double) px.width() * px.height();
        double mRg = sRg / n;
        double mYb = sYb / n / 2;
        double vRg = Math.max(0, sRg2 / n - mRg * mRg);
        double vYb = Math.max(0, sYb2 / n / 4 - mYb * mYb);
        return Math.sqrt(vRg + vYb) + 0.3 * Math.sqrt(mRg * mRg + mYb * mYb);
    }
}
