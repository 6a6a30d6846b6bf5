package dev.loupe.core.metrics.annotation;

import static dev.loupe.core.metrics.annotation.Fixtures.box;
import static dev.loupe.core.metrics.annotation.Fixtures.rgb;
import static dev.loupe.core.metrics.annotation.Fixtures.withPixels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.PixelImage;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.metrics.image.Hsv8;
import java.util.List;
import org.junit.jupiter.api.Test;

class PixelMetricsTest {
    private static final int O = 0;

    /**
     * 4x4, black except the 2x2 block at (1,1): red (1,1), green (2,1), blue (1,2), grey 128 (2,2).
     */
    private static PixelImage fourByFour() {
        return rgb(4, 4,
                O, O, O, O, O, O, O, O, O, O, O, O,
                O, O, O, 255, 0, 0, 0, 255, 0, O, O, O,
                O, O, O, 0, 0, 255, 128, 128, 128, O, O, O,
                O, O, O, O, O, O, O, O, O, O, O, O);
    }

    private static AnnotationContext block() {
        return withPixels(box(1, 1, 1, 1, 2, 2, 4, 4), fourByFour());
    }

    @Test
    void brightnessIsTheMeanOfTheObjectsRgbValues() {
        // (255 + 255 + 255 + 3·128) / 12 = 95.75
        assertThat(new Brightness().compute(block())).isCloseTo(95.75 / 255, within(1e-15));
        // The whole image: 1149 / 48.
        assertThat(new Brightness().compute(withPixels(box(2, 1, 0, 0, 4, 4, 4, 4), fourByFour())))
                .isCloseTo(1149.0 / 48 / 255, within(1e-15));
    }

    @Test
    void contrastIsThePopulationStdOfTheObjectsRgbValues() {
        // Values 255,0,0, 0,255,0, 0,0,255, 128,128,128: Σv² = 3·65025 + 3·16384 = 244227,
        // var = 244227/12 − 95.75² = 20352.25 − 9168.0625 = 11184.1875.
        assertThat(new Contrast().compute(block())).isCloseTo(Math.sqrt(11184.1875) / 255, within(1e-15));
    }

    @Test
    void colourFractionsCountTheOpenCvHsvBoxes() {
        // Pure red H 0, pure green H 60, pure blue H 120 (S 255, V 255); grey has S 0.
        assertThat(new RedFraction().compute(block())).isEqualTo(0.25);
        assertThat(new GreenFraction().compute(block())).isEqualTo(0.25);
        assertThat(new BlueFraction().compute(block())).isEqualTo(0.25);
        assertThat(new RedFraction().compute(withPixels(box(2, 1, 0, 0, 1, 1, 4, 4), fourByFour()))).isZero();
    }

    @Test
    void hsvMatchesOpenCvOnKnownPixels() {
        // cv2.cvtColor(np.uint8([[[r, g, b]]]), cv2.COLOR_RGB2HSV) for these pixels.
        assertThat(Hsv8.hsv(255, 0, 0)).isEqualTo(0 << 16 | 255 << 8 | 255);
        assertThat(Hsv8.hsv(0, 255, 0)).isEqualTo(60 << 16 | 255 << 8 | 255);
        assertThat(Hsv8.hsv(0, 0, 255)).isEqualTo(120 << 16 | 255 << 8 | 255);
        // (255, 128, 0): h = (128·482 + 2048) >> 12 = 15 (hdiv[255] = 482), orange, in no box.
        assertThat(Hsv8.hsv(255, 128, 0) >> 16).isEqualTo(15);
        assertThat(Hsv8.box(255, 128, 0)).isEqualTo(Hsv8.NONE);
        // Dark red (V 30 < 40) is in no box.
        assertThat(Hsv8.box(30, 0, 0)).isEqualTo(Hsv8.NONE);
        // Magenta-red (255, 0, 40): h = (−40·482 + 2048) >> 12 = −5, + 180 = 175 → red.
        assertThat(Hsv8.hsv(255, 0, 40) >> 16).isEqualTo(175);
        assertThat(Hsv8.box(255, 0, 40)).isEqualTo(Hsv8.RED);
    }

    /** The box shortcut against the definition (cv2.inRange on the full HSV triple), on all 2^24 colours. */
    @Test
    void boxAgreesWithTheHsvTripleOnEveryColour() {
        long mismatches = 0;
        for (int r = 0; r < 256; r++) {
            for (int g = 0; g < 256; g++) {
                for (int b = 0; b < 256; b++) {
                    int hsv = Hsv8.hsv(r, g, b);
                    int h = hsv >> 16;
                    int sat = (hsv >> 8) & 0xFF;
                    int v = hsv & 0xFF;
                    int expected = sat < 50 || v < 40 ? Hsv8.NONE
                            : h <= 10 || (h >= 170 && h <= 179) ? Hsv8.RED
                            : h >= 35 && h <= 75 ? Hsv8.GREEN
                            : h >= 90 && h <= 130 ? Hsv8.BLUE : Hsv8.NONE;
                    if (Hsv8.box(r, g, b) != expected) {
                        mismatches++;
                    }
                }
            }
        }
        assertThat(mismatches).isZero();
    }

    @Test
    void sharpnessReflectsAtTheLeftImageBorder() {
        // 3x2 grey, 100 at (1,0) only; object = pixels (0,0) and (1,0).
        // (0,0): left reflects to (1,0) = 100, right (1,0) = 100, up reflects to row 1 = 0, down 0 → 200.
        // (1,0): 0 + 0 + 0 + 0 − 400 = −400. Per channel the same: mean −100, var (300² + 300²)/2 = 90000.
        PixelImage img = rgb(3, 2, O, O, O, 100, 100, 100, O, O, O, O, O, O, O, O, O, O, O, O);
        assertThat(new Sharpness().compute(withPixels(box(1, 1, 0, 0, 2, 1, 3, 2), img))).isEqualTo(90000);
    }

    @Test
    void sharpnessReflectsAtTheTopImageBorderAndUsesNeighboursOutsideTheObject() {
        // 3x2 grey, 100 at (1,1) only; object = pixels (0,0) and (1,0).
        // (1,0): up reflects to (1,1) = 100, down (1,1) = 100 → 200; (0,0): all neighbours 0 → 0.
        // Values 200 ×3, 0 ×3: mean 100, var 10000.
        PixelImage img = rgb(3, 2, O, O, O, O, O, O, O, O, O, O, O, O, 100, 100, 100, O, O, O);
        assertThat(new Sharpness().compute(withPixels(box(1, 1, 0, 0, 2, 1, 3, 2), img))).isEqualTo(10000);
    }

    @Test
    void sharpnessOfARampIsZeroInsideAndPositiveAtTheBorder() {
        // v = 10·x on a 4x1 image: interior Laplacian 0; at x = 0 left reflects to x = 1: 10 + 10 − 0 = 20.
        int[] v = new int[12];
        for (int x = 0; x < 4; x++) {
            v[3 * x] = v[3 * x + 1] = v[3 * x + 2] = 10 * x;
        }
        PixelImage img = rgb(4, 1, v);
        assertThat(new Sharpness().compute(withPixels(box(1, 1, 1, 0, 2, 1, 4, 1), img))).isZero();
        // Pixels 0 and 1: Laplacians 20 and 0 (a 1-row image reads itself up and down) → var 100.
        assertThat(new Sharpness().compute(withPixels(box(2, 1, 0, 0, 2, 1, 4, 1), img))).isEqualTo(100);
    }

    @Test
    void pixelMetricsFollowAMasksPixelsNotItsBox() {
        // Mask of the red (1,1) and blue (1,2) pixels only: column 1, rows 1-2 (column-major runs 5, 2, 9).
        Rle rle = new Rle(4, 4, new int[] {5, 2, 9});
        AnnotationContext c = withPixels(Fixtures.mask(1, 1, rle), fourByFour());
        assertThat(new RedFraction().compute(c)).isEqualTo(0.5);
        assertThat(new BlueFraction().compute(c)).isEqualTo(0.5);
        assertThat(new GreenFraction().compute(c)).isZero();
        assertThat(new Brightness().compute(c)).isCloseTo(510.0 / 6 / 255, within(1e-15));
    }

    @Test
    void objectsWithoutPixelsGetNoValue() {
        List<AnnotationMetric> metrics = List.of(new Brightness(), new Contrast(), new Sharpness(), new RedFraction(),
                new GreenFraction(), new BlueFraction());
        AnnotationContext outside = withPixels(box(1, 1, 10, 10, 2, 2, 4, 4), fourByFour());
        AnnotationContext label = withPixels(Fixtures.label(2, 1), fourByFour());
        for (AnnotationMetric m : metrics) {
            assertThat(m.needsPixels()).isTrue();
            assertThat(m.compute(outside)).as(m.descriptor().id()).isNaN();
            assertThat(m.compute(label)).as(m.descriptor().id()).isNaN();
            assertThatThrownBy(() -> m.compute(Fixtures.alone(box(3, 1, 0, 0, 2, 2, 4, 4), 4, 4)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
