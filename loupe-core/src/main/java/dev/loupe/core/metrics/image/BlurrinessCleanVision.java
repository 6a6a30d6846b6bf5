package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * CleanVision's {@code blurriness}: sqrt of the population variance (Pillow ImageStat) of Pillow's
 * {@code FIND_EDGES} filter (3×3 kernel 8 centre, −1 around, clipped to 0..255, border pixels
 * copied unfiltered) applied to the small grey image (Pillow BICUBIC resize to longest side ≤ 64,
 * then L). Unit: grey levels; low means few edges (blurry).
 */
public final class BlurrinessCleanVision implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.blurriness_cleanvision", "Edge strength (CleanVision)",
            "Std of Pillow FIND_EDGES of the grey image resized to longest side 64 (CleanVision's blurriness); low = blurry; grey levels.",
            ValueKind.NON_NEGATIVE_REAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        PillowGrey.Grey g = PillowGrey.cleanVision(image.pixels());
        int w = g.width();
        int h = g.height();
        byte[] in = g.pixels();
        long[] hist = new long[256];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = in[y * w + x] & 0xFF;
                if (w >= 3 && h >= 3 && x > 0 && y > 0 && x < w - 1 && y < h - 1) {
                    int s = 9 * v;
                    for (int dy = -1; dy <= 1; dy++) {
                        int row = (y + dy) * w + x;
                        s -= (in[row - 1] & 0xFF) + (in[row] & 0xFF) + (in[row + 1] & 0xFF);
                    }
                    v = Math.min(255, Math.max(0, s));
                }
                hist[v]++;
            }
        }
        // ImageStat: sums accumulated in doubles over the histogram, var = (Σx² − (Σx)²/n)/n.
        double n = (double) w * h;
        double sum = 0;
        double sum2 = 0;
        for (int j = 0; j < 256; j++) {
            sum += j * hist[j];
            sum2 += (double) (j * j) * hist[j];
        }
        return Math.sqrt((sum2 - sum * sum / n) / n);
    }
}
