package dev.loupe.core.metrics.annotation;

import static dev.loupe.core.metrics.annotation.Fixtures.alone;
import static dev.loupe.core.metrics.annotation.Fixtures.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ObjectView.Raster;
import dev.loupe.core.geometry.RleCodec;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HuMomentsTest {
    private static final List<AnnotationMetric> METRICS = List.of(new HuMoment1(), new HuMoment2(), new HuMoment3(),
            new HuMoment4(), new HuMoment5(), new HuMoment6(), new HuMoment7());

    /** Hu moments by the textbook route in doubles: raw → central → normalised → Hu's formulas. */
    static double[] reference(Raster r) {
        double[][] m = new double[4][4];
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.inside()[y * r.width() + x]) {
                    double gx = r.x0() + x;
                    double gy = r.y0() + y;
                    for (int p = 0; p < 4; p++) {
                        for (int q = 0; p + q < 4; q++) {
                            m[p][q] += Math.pow(gx, p) * Math.pow(gy, q);
                        }
                    }
                }
            }
        }
        double cx = m[1][0] / m[0][0];
        double cy = m[0][1] / m[0][0];
        double[][] n = new double[4][4];
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.inside()[y * r.width() + x]) {
                    double dx = r.x0() + x - cx;
                    double dy = r.y0() + y - cy;
                    for (int p = 0; p < 4; p++) {
                        for (int q = 0; p + q < 4; q++) {
                            n[p][q] += Math.pow(dx, p) * Math.pow(dy, q);
                        }
                    }
                }
            }
        }
        for (int p = 0; p < 4; p++) {
            for (int q = 0; p + q < 4; q++) {
                if (p + q >= 2) {
                    n[p][q] /= Math.pow(m[0][0], 1 + (p + q) / 2.0);
                }
            }
        }
        double n20 = n[2][0];
        double n02 = n[0][2];
        double n11 = n[1][1];
        double n30 = n[3][0];
        double n03 = n[0][3];
        double n21 = n[2][1];
        double n12 = n[1][2];
        double a = n30 + n12;
        double b = n21 + n03;
        return new double[] {
            n20 + n02,
            (n20 - n02) * (n20 - n02) + 4 * n11 * n11,
            (n30 - 3 * n12) * (n30 - 3 * n12) + (3 * n21 - n03) * (3 * n21 - n03),
            a * a + b * b,
            (n30 - 3 * n12) * a * (a * a - 3 * b * b) + (3 * n21 - n03) * b * (3 * a * a - b * b),
            (n20 - n02) * (a * a - b * b) + 4 * n11 * a * b,
            (3 * n21 - n03) * a * (a * a - 3 * b * b) - (n30 - 3 * n12) * b * (3 * a * a - b * b),
        };
    }

    private static double[] metricValues(ObjectView o) {
        double[] v = new double[7];
        for (int k = 0; k < 7; k++) {
            v[k] = METRICS.get(k).compute(alone(o, 100, 100));
        }
        return v;
    }

    @Test
    void squareAndLineByHand() {
        // 2x2 square: centroid (0.5, 0.5), μ20 = μ02 = 4·0.25 = 1, μ11 = 0; η20 = η02 = 1/4² → h1 = 1/8, h2 = 0.
        HuMoments sq = HuMoments.of(box(1, 1, 3, 5, 2, 2, 100, 100).raster());
        assertThat(sq.value(1)).isEqualTo(0.125);
        assertThat(sq.value(2)).isZero();
        // 3x1 line: μ20 = 1 + 0 + 1 = 2, μ02 = 0; η20 = 2/3² → h1 = 2/9, h2 = (2/9)².
        HuMoments line = HuMoments.of(box(2, 1, 0, 0, 3, 1, 100, 100).raster());
        assertThat(line.value(1)).isCloseTo(2.0 / 9, within(1e-15));
        assertThat(line.value(2)).isCloseTo(4.0 / 81, within(1e-15));
        assertThat(new HuMoment1().compute(alone(box(2, 1, 0, 0, 3, 1, 100, 100), 100, 100)))
                .isCloseTo(Math.log10(2.0 / 9), within(1e-14));
    }

    @Test
    void boxesHaveExactlyZeroOddInvariants() {
        double[] v = metricValues(box(1, 1, 10.4, 3.2, 37.1, 11.6, 100, 100));
        for (int k = 2; k < 7; k++) {
            assertThat(v[k]).as("hu_%d", k + 1).isEqualTo(0.0);
        }
        assertThat(v[0]).isNegative();
    }

    @Test
    void matchesTheTextbookComputationOnIrregularShapes() {
        Random rnd = new Random(7);
        int checked = 0;
        for (int trial = 0; trial < 50; trial++) {
            // A random blob: a union of a few random rectangles in a 30x20 image, as a mask.
            boolean[] rowMajor = new boolean[30 * 20];
            for (int k = 0; k < 3; k++) {
                int x0 = rnd.nextInt(25);
                int y0 = rnd.nextInt(15);
                int w = 1 + rnd.nextInt(6);
                int h = 1 + rnd.nextInt(6);
                for (int y = y0; y < Math.min(20, y0 + h); y++) {
                    for (int x = x0; x < Math.min(30, x0 + w); x++) {
                        rowMajor[y * 30 + x] = true;
                    }
                }
            }
            ObjectView o = Fixtures.mask(trial + 1, 1, RleCodec.encodeRowMajor(rowMajor, 20, 30));
            double[] ref = reference(o.raster());
            double[] got = metricValues(o);
            HuMoments hu = HuMoments.of(o.raster());
            for (int k = 0; k < 7; k++) {
                if (Math.abs(ref[k]) < 1e-25) {
                    continue; // zero in exact arithmetic: the double reference is rounding noise
                }
                checked++;
                assertThat(hu.value(k + 1)).as("trial %d h%d", trial, k + 1)
                        .isCloseTo(ref[k], within(1e-7 * Math.abs(ref[k])));
                assertThat(got[k]).as("trial %d hu_%d", trial, k + 1)
                        .isCloseTo(Math.signum(ref[k]) * Math.log10(Math.abs(ref[k])), within(1e-7));
            }
        }
        assertThat(checked).isGreaterThan(250);
    }

    @Test
    void rawMomentsSummedInLongsEqualTheExactSumsAndFallBackToThemOnOverflow() {
        Random rnd = new Random(11);
        for (int i = 0; i < 40; i++) {
            int w = 1 + rnd.nextInt(300);
            int h = 1 + rnd.nextInt(300);
            boolean[] inside = new boolean[w * h];
            for (int j = 0; j < inside.length; j++) {
                inside[j] = rnd.nextInt(3) > 0;
            }
            Raster r = new Raster(0, 0, w, h, inside);
            assertThat(HuMoments.rawMoments(r)).containsExactly(HuMoments.exactMoments(r));
        }
        // A full 1 000 x 20 000 raster: m03 = w * (h(h-1)/2)^2, about 4e19, beyond a long.
        int w = 1000;
        int h = 20_000;
        boolean[] full = new boolean[w * h];
        Arrays.fill(full, true);
        BigInteger[] m = HuMoments.rawMoments(new Raster(0, 0, w, h, full));
        BigInteger halfH = BigInteger.valueOf((long) h * (h - 1) / 2);
        assertThat(m[9]).isEqualTo(halfH.pow(2).multiply(BigInteger.valueOf(w)))
                .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(m[0]).isEqualTo(BigInteger.valueOf((long) w * h));
    }

    @Test
    void invariantToTranslation() {
        double[] a = metricValues(Fixtures.polygon(1, 1, 100, 100, 1.2, 3.4, 20.5, 7.7, 9.1, 25.3));
        double[] b = metricValues(Fixtures.polygon(2, 1, 100, 100, 41.2, 53.4, 60.5, 57.7, 49.1, 75.3));
        assertThat(b).containsExactly(a);
    }

    @Test
    void missingWithoutPixels() {
        for (AnnotationMetric m : METRICS) {
            assertThat(m.compute(alone(box(1, 1, 200, 200, 5, 5, 100, 100), 100, 100))).isNaN();
            assertThat(m.compute(alone(Fixtures.label(2, 1), 10, 10))).isNaN();
            assertThat(m.needsPixels()).isFalse();
            assertThat(m.descriptor().outliers()).isFalse();
        }
    }
}
