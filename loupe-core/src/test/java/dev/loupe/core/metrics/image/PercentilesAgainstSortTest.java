package dev.loupe.core.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.PixelImage;
import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The bucketed percentile selection against a plain sort and numpy's linear interpolation. */
class PercentilesAgainstSortTest {
    @Property(tries = 200)
    void percentilesEqualThoseOfTheSortedPixelValues(@ForAll @IntRange(min = 1, max = 60) int w,
                                                     @ForAll @IntRange(min = 1, max = 40) int h,
                                                     @ForAll @IntRange(min = 1, max = 256) int levels,
                                                     @ForAll long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < rgb.length; i++) {
            // Few levels give many ties, 256 levels all kinds of values.
            rgb[i] = (byte) (random.nextInt(levels) * (255 / Math.max(1, levels - 1)));
        }
        PixelImage px = new PixelImage(w, h, rgb, 3, 8, false);
        double[] values = new double[w * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = BrightnessPercentiles.value(rgb[3 * i] & 0xFF, rgb[3 * i + 1] & 0xFF, rgb[3 * i + 2] & 0xFF);
        }
        Arrays.sort(values);
        BrightnessPercentiles p = BrightnessPercentiles.of(px);
        assertThat(p.p1()).isEqualTo(numpyLinear(values, 1));
        assertThat(p.p5()).isEqualTo(numpyLinear(values, 5));
        assertThat(p.p99()).isEqualTo(numpyLinear(values, 99));
    }

    /**
     * Two pixels of the same exact key (241·r² + 691·g² + 68·b² = 241·56² + ... = 241·222² + ...)
     * whose doubles differ by an ulp, the first in (r, g, b) order the larger: numpy sorts the doubles.
     */
    @Example
    void pixelsOfOneKeyRankByTheirDoubleValues() {
        byte[] rgb = {56, (byte) 213, (byte) 146, (byte) 222, (byte) 169, (byte) 169};
        double first = BrightnessPercentiles.value(56, 213, 146);
        double second = BrightnessPercentiles.value(222, 169, 169);
        assertThat(first).isGreaterThan(second);
        double[] sorted = {second, first};
        BrightnessPercentiles p = BrightnessPercentiles.of(new PixelImage(2, 1, rgb, 3, 8, false));
        assertThat(p.p1()).isEqualTo(numpyLinear(sorted, 1));
        assertThat(p.p99()).isEqualTo(numpyLinear(sorted, 99));
    }

    /** numpy.percentile(method="linear") on sorted values. */
    static double numpyLinear(double[] sorted, double q) {
        double index = (q / 100) * (sorted.length - 1);
        int lo = (int) Math.floor(index);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return BrightnessPercentiles.lerp(sorted[lo], sorted[hi], index - lo);
    }
}
