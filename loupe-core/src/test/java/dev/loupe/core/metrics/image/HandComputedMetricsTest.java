package dev.loupe.core.metrics.image;

import static dev.loupe.core.metrics.image.TestImages.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.PixelImage;
import org.junit.jupiter.api.Test;

/** Values derived by hand (derivation in the comments) on tiny synthetic images. */
class HandComputedMetricsTest {
    private static final double EPS = 1e-12;
    /** Black and white side by side. */
    private static final PixelImage BLACK_WHITE = TestImages.rgb(new int[][] {{0, 0, 0, 255, 255, 255}});
    /** 3×3 grey, 1 in the centre, 0 around. */
    private static final PixelImage DOT = TestImages.grey(new int[][] {{0, 0, 0}, {0, 1, 0}, {0, 0, 0}});

    @Test
    void brightnessAndContrastOfBlackAndWhiteAreOneHalf() {
        // Values 0,0,0,255,255,255: mean 127.5 → 0.5; population std 127.5 → 0.5.
        assertThat(value(new Brightness(), BLACK_WHITE)).isCloseTo(0.5, within(EPS));
        assertThat(value(new Contrast(), BLACK_WHITE)).isCloseTo(0.5, within(EPS));
    }

    @Test
    void brightnessAndContrastPoolTheThreeChannels() {
        // One pixel (10, 20, 30): mean 20 → 20/255; variance (100 + 0 + 100)/3 → sqrt(200/3)/255.
        PixelImage px = TestImages.uniform(1, 1, 10, 20, 30);
        assertThat(value(new Brightness(), px)).isCloseTo(20 / 255.0, within(EPS));
        assertThat(value(new Contrast(), px)).isCloseTo(Math.sqrt(200 / 3.0) / 255, within(EPS));
    }

    @Test
    void laplacianVarianceOfADotUsesReflect101Borders() {
        // Laplacian of the dot: centre −4; the four edge-middles see the dot twice (row/column −1
        // reflects to 1): 2 each; corners 0. Sum 4, sum of squares 32, n 9:
        // var = 32/9 − (4/9)² = 272/81, in each channel and on the grey image (grey of (1,1,1) is 1).
        double expected = 272.0 / 81;
        assertThat(value(new Sharpness(), DOT)).isCloseTo(expected, within(EPS));
        assertThat(value(new SharpnessGrey(), DOT)).isCloseTo(expected, within(EPS));
        assertThat(value(new SharpnessNormalised(), DOT)).isCloseTo(Math.sqrt(expected) / 2040, within(EPS));
    }

    @Test
    void flatImagesAndSinglePixelsHaveNoSharpness() {
        assertThat(value(new Sharpness(), TestImages.uniform(5, 4, 9, 99, 199))).isZero();
        assertThat(value(new Sharpness(), TestImages.uniform(1, 1, 9, 99, 199))).isZero();
        assertThat(value(new SharpnessGrey(), TestImages.uniform(1, 1, 9, 99, 199))).isZero();
    }

    @Test
    void laplacianOfATwoPixelRowReflectsOntoTheOtherPixel() {
        // Row [0, 8]: at x=0 left reflects to x=1: 8 + 8 + 0 + 0 (1-row image: up/down are itself) − 0 = 16;
        // at x=1: 0 + 0 + 8 + 8 − 32 = −16. Values ±16 per channel: var = 256.
        PixelImage px = TestImages.grey(new int[][] {{0, 8}});
        assertThat(value(new Sharpness(), px)).isCloseTo(256, within(EPS));
    }

    @Test
    void primaryColoursFallInTheirHsvBoxesAndGreyInNone() {
        // Red (255,0,0): H 0; green: H 60; blue: H 120; all S = V = 255. Grey has S = 0.
        PixelImage px = TestImages.rgb(new int[][] {{255, 0, 0, 0, 255, 0}, {0, 0, 255, 128, 128, 128}});
        assertThat(value(new RedFraction(), px)).isEqualTo(0.25);
        assertThat(value(new GreenFraction(), px)).isEqualTo(0.25);
        assertThat(value(new BlueFraction(), px)).isEqualTo(0.25);
        // S: 255, 255, 255, 0 → mean 191.25 → 0.75.
        assertThat(value(new SaturationMean(), px)).isCloseTo(0.75, within(EPS));
    }

    @Test
    void darkOrPaleColoursAreOutsideEveryBox() {
        // (30,0,0): V 30 < 40. (255,230,230): S = round(25·255/255) = 25 < 50.
        // (255,0,128): H = (−128·482 + 2048) >> 12 = −15 → 165, between red's 170 and blue's 130.
        PixelImage px = TestImages.rgb(new int[][] {{30, 0, 0, 255, 230, 230, 255, 0, 128}});
        assertThat(value(new RedFraction(), px)).isZero();
        assertThat(value(new BlueFraction(), px)).isZero();
        assertThat(value(new GreenFraction(), px)).isZero();
    }

    @Test
    void hueBoxBoundsAreInclusive() {
        // (255, 255·10/30 ≈ 85, 0): H = 85·482... → use OpenCV's rounding: diff 255, h = 85·482 = 40970,
        // (40970 + 2048) >> 12 = 10 → red; (255, 90, 0): (90·482 + 2048) >> 12 = 11 → no box.
        PixelImage red10 = TestImages.uniform(1, 1, 255, 85, 0);
        PixelImage h11 = TestImages.uniform(1, 1, 255, 90, 0);
        assertThat(value(new RedFraction(), red10)).isEqualTo(1.0);
        assertThat(value(new RedFraction(), h11)).isZero();
    }

    @Test
    void perceivedBrightnessOfGreyIsItsLevel() {
        // 0.241 + 0.691 + 0.068 = 1, so a grey level v gives v/255.
        PixelImage px = TestImages.uniform(2, 2, 100, 100, 100);
        assertThat(value(new PerceivedBrightness(), px)).isCloseTo(100 / 255.0, within(EPS));
        assertThat(value(new PerceivedBrightnessP1(), px)).isCloseTo(100 / 255.0, within(EPS));
        assertThat(value(new PerceivedBrightnessP99(), px)).isCloseTo(100 / 255.0, within(EPS));
    }

    @Test
    void perceivedBrightnessOfPureRedWeighsRedOnly() {
        // sqrt(0.241·255²)/255 = sqrt(0.241).
        assertThat(value(new PerceivedBrightness(), TestImages.uniform(1, 1, 255, 0, 0)))
                .isCloseTo(Math.sqrt(0.241), within(EPS));
    }

    @Test
    void percentilesInterpolateLinearlyBetweenTwoPixels() {
        // Values 0 and 1; numpy linear: index q·(n − 1) = q → q itself.
        assertThat(value(new PerceivedBrightnessP1(), BLACK_WHITE)).isCloseTo(0.01, within(EPS));
        assertThat(value(new PerceivedBrightnessP5(), BLACK_WHITE)).isCloseTo(0.05, within(EPS));
        assertThat(value(new PerceivedBrightnessP99(), BLACK_WHITE)).isCloseTo(0.99, within(EPS));
    }

    @Test
    void entropyCountsAllBandsOfColourAndOneOfGrey() {
        // RGB black/white: 6 occupied bins of 768, p = 1/6 each → log2 6 bits.
        assertThat(value(new Entropy(), BLACK_WHITE)).isCloseTo(Math.log(6) / Math.log(2), within(EPS));
        // The same pixels from a grey source: 2 of 256 bins → 1 bit (Pillow's mode "L").
        assertThat(value(new Entropy(), TestImages.grey(new int[][] {{0, 255}}))).isCloseTo(1.0, within(EPS));
        // A flat RGB image still fills one bin per band: 3 bins of p = 1/3 → log2 3 (as Pillow on RGB).
        assertThat(value(new Entropy(), TestImages.uniform(3, 3, 7, 7, 7))).isCloseTo(Math.log(3) / Math.log(2), within(EPS));
    }

    @Test
    void colourfulnessOfRedAndGreen() {
        // rg = 255 and −255: mean 0, σ 255; yb = 127.5 twice: mean 127.5, σ 0.
        // sqrt(255² + 0) + 0.3·sqrt(0 + 127.5²) = 255 + 38.25.
        PixelImage px = TestImages.rgb(new int[][] {{255, 0, 0, 0, 255, 0}});
        assertThat(value(new Colourfulness(), px)).isCloseTo(293.25, within(1e-9));
        assertThat(value(new Colourfulness(), DOT)).isZero();
    }

    @Test
    void cleanVisionEdgesAndHistogramOnASmallImage() {
        // 3×3 (no resize below 64 px): FIND_EDGES filters only the centre: 8·100 − 0 → clipped to 255;
        // the border is copied (0). Eight 0s and one 255: std = 255·sqrt(8)/9.
        PixelImage px = TestImages.grey(new int[][] {{0, 0, 0}, {0, 100, 0}, {0, 0, 0}});
        assertThat(value(new BlurrinessCleanVision(), px)).isCloseTo(255 * Math.sqrt(8) / 9, within(1e-9));
        // Histogram: bin 0 → 8, bin 100 → 1, others 0; mean 9/256; std of the 256 counts.
        double mean = 9 / 256.0;
        double var = (64 + 1) / 256.0 - mean * mean;
        assertThat(value(new GreyHistStd(), px)).isCloseTo(Math.sqrt(var), within(1e-12));
    }

    @Test
    void pixelHashIsTheXxh3OfTheRgbBytes() {
        // Expected values from the C xxHash library (npm @node-rs/xxhash 1.x, xxh3.xxh128, seed 0).
        assertThat(PixelHash.hex(new byte[0])).isEqualTo("99aa06d3014798d86001c324468d497f");
        assertThat(new PixelHash().compute(new TestImages.Ctx(TestImages.uniform(1, 1, 0, 0, 0))))
                .isEqualTo("f21da334f2869f1beb5d658bb22f286b");
        byte[] small = new byte[1000];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) (i * 31 + 7);
        }
        assertThat(PixelHash.hex(small)).isEqualTo("f534f51e82a81d29989765d0ea7a5ecd");
        // A 640 x 480 RGB image's worth of bytes (long input: XXH3's stripe loop and last stripe).
        byte[] large = new byte[640 * 480 * 3];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 131 + i % 7);
        }
        assertThat(PixelHash.hex(large)).isEqualTo("160996eccf6d876b8523a43f1216a7a5");
    }

    @Test
    void dhashOfGradientsSetsAllOrNoBits() {
        int[][] rising = new int[40][120];
        int[][] falling = new int[40][120];
        int[][] vertical = new int[40][120];
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 120; x++) {
                rising[y][x] = 2 * x;
                falling[y][x] = 255 - 2 * x;
                vertical[y][x] = 6 * y;
            }
        }
        assertThat(new DHash().compute(new TestImages.Ctx(TestImages.grey(rising)))).isEqualTo("ffffffffffffffff");
        assertThat(new DHash().compute(new TestImages.Ctx(TestImages.grey(falling)))).isEqualTo("0000000000000000");
        assertThat(new DHash().compute(new TestImages.Ctx(TestImages.grey(vertical)))).isEqualTo("0000000000000000");
    }

    @Test
    void phashIsTheSameForTheSamePixelsAndDiffersForAnotherPicture() {
        int[][] a = new int[50][70];
        int[][] b = new int[50][70];
        for (int y = 0; y < 50; y++) {
            for (int x = 0; x < 70; x++) {
                a[y][x] = (x * 37 + y * 11) % 256;
                b[y][x] = x < 35 == y < 25 ? 230 : 20;
            }
        }
        String ha = new PHash().compute(new TestImages.Ctx(TestImages.grey(a)));
        assertThat(ha).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(new PHash().compute(new TestImages.Ctx(TestImages.grey(a)))).isEqualTo(ha);
        assertThat(ReferenceMetricsTest.hamming(ha, new PHash().compute(new TestImages.Ctx(TestImages.grey(b)))))
                .isGreaterThan(8);
    }

    @Test
    void pillowGreyRoundsAsPillow() {
        // Pillow 9.4: convert("L") of (10, 200, 33) is 124 = (10·19595 + 200·38470 + 33·7471 + 32768) >> 16.
        assertThat(PillowGrey.toL(new byte[] {10, (byte) 200, 33})[0] & 0xFF).isEqualTo(124);
    }
}
