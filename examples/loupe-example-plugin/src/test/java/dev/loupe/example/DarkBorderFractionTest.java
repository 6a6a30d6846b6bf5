package dev.loupe.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.Metric;
import dev.loupe.api.PixelImage;
import dev.loupe.testkit.MetricContractTest;
import dev.loupe.testkit.MetricSamples;
import org.junit.jupiter.api.Test;

/** Loupe's metric contract (inherited) and values counted by hand. */
class DarkBorderFractionTest extends MetricContractTest {
    @Override
    protected Metric metric() {
        return new DarkBorderFraction();
    }

    /** A w×h image of grey 128 with the rows [top, bottom) and columns [left, right) painted (r, g, b). */
    static PixelImage grey(int w, int h) {
        byte[] px = new byte[3 * w * h];
        java.util.Arrays.fill(px, (byte) 128);
        return new PixelImage(w, h, px, 3, 8, false);
    }

    static void paint(PixelImage px, int x0, int y0, int x1, int y1, int r, int g, int b) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int o = 3 * (y * px.width() + x);
                px.rgb()[o] = (byte) r;
                px.rgb()[o + 1] = (byte) g;
                px.rgb()[o + 2] = (byte) b;
            }
        }
    }

    static double value(PixelImage px) {
        return new DarkBorderFraction().compute(MetricSamples.imageContext(px));
    }

    @Test
    void letterboxBarsCoverTheFrameTheyTouch() {
        // 100x80: t = round(0.05 * 80) = 4, frame = 8000 - 92 * 72 = 1376 pixels. Black bars in rows
        // 0-9 and 70-79 cover rows 0-3 and 76-79 (800) and the 4 + 4 side pixels of rows 4-9 and
        // 70-75 (96): 896 / 1376.
        PixelImage px = grey(100, 80);
        paint(px, 0, 0, 100, 10, 0, 0, 0);
        paint(px, 0, 70, 100, 80, 0, 0, 0);
        assertThat(value(px)).isCloseTo(896.0 / 1376, within(1e-15));
    }

    @Test
    void aBandAtTheLeftCountsOnlyItsFramePixels() {
        // 60x40: t = 2, frame = 2400 - 56 * 36 = 384. Columns 0-2 black: columns 0-1 are frame in all
        // 40 rows (80), column 2 only in rows 0, 1, 38, 39 (4): 84 / 384.
        PixelImage px = grey(60, 40);
        paint(px, 0, 0, 3, 40, 0, 0, 0);
        assertThat(value(px)).isCloseTo(84.0 / 384, within(1e-15));
    }

    @Test
    void blackIsLumaBelow16() {
        // Luma of (0, 27, 0) = 15.849 (black), of (0, 28, 0) = 16.436 (not), of (255, 0, 0) = 76.2.
        PixelImage dark = grey(20, 20);
        paint(dark, 0, 0, 20, 20, 0, 27, 0);
        assertThat(value(dark)).isEqualTo(1.0);
        PixelImage notDark = grey(20, 20);
        paint(notDark, 0, 0, 20, 20, 0, 28, 0);
        assertThat(value(notDark)).isEqualTo(0.0);
        PixelImage red = grey(20, 20);
        paint(red, 0, 0, 20, 20, 255, 0, 0);
        assertThat(value(red)).isEqualTo(0.0);
    }

    @Test
    void aOnePixelImageIsAllFrame() {
        PixelImage px = grey(1, 1);
        assertThat(value(px)).isEqualTo(0.0);
        paint(px, 0, 0, 1, 1, 0, 0, 0);
        assertThat(value(px)).isEqualTo(1.0);
    }
}
