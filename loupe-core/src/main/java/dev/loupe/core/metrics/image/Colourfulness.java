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
 * the pixels); 0 for any grey image. Exact integer sums (yb is summed doubled).
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
        byte[] rgb = px.rgb();
        long sRg = 0;
        long sRg2 = 0;
        long sYb = 0;
        long sYb2 = 0;
        // int partial sums over chunks of 2048 pixels (exact: |rg|² ≤ 255², |2yb|² ≤ 510²).
        for (int from = 0; from < rgb.length; from += 3 * 2048) {
            int to = Math.min(rgb.length, from + 3 * 2048);
            int rgS = 0;
            int rgQ = 0;
            int ybS = 0;
            int ybQ = 0;
            for (int i = from; i < to; i += 3) {
                int r = rgb[i] & 0xFF;
                int g = rgb[i + 1] & 0xFF;
                int b = rgb[i + 2] & 0xFF;
                int rg = r - g;
                int yb2 = r + g - 2 * b;
                rgS += rg;
                rgQ += rg * rg;
                ybS += yb2;
                ybQ += yb2 * yb2;
            }
            sRg += rgS;
            sRg2 += rgQ;
            sYb += ybS;
            sYb2 += ybQ & 0xFFFFFFFFL;
        }
        double n = (double) px.width() * px.height();
        double mRg = sRg / n;
        double mYb = sYb / n / 2;
        double vRg = Math.max(0, sRg2 / n - mRg * mRg);
        double vYb = Math.max(0, sYb2 / n / 4 - mYb * mYb);
        return Math.sqrt(vRg + vYb) + 0.3 * Math.sqrt(mRg * mRg + mYb * mYb);
    }
}
