package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MasksPropertyTest {

    @Property
    void areaCountsForegroundPixels(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        byte[] mask = RandomMasks.mask(new Random(seed), h, w);
        assertThat(Masks.area(RleCodec.encode(mask, h, w))).isEqualTo(PixelOracle.count(mask));
    }

    @Property
    void toBoxMatchesPixelBounds(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        byte[] mask = RandomMasks.mask(new Random(seed), h, w);
        assertThat(Masks.toBox(RleCodec.encode(mask, h, w))).isEqualTo(PixelOracle.bbox(mask, h, w));
    }

    @Property
    void mergeIsPixelwiseOrAndAnd(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll @IntRange(min = 2, max = 4) int n,
            @ForAll long seed) {
        Random rnd = new Random(seed);
        List<byte[]> masks = new ArrayList<>();
        List<Rle> rles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            masks.add(RandomMasks.mask(rnd, h, w));
            rles.add(RleCodec.encode(masks.get(i), h, w));
        }
        byte[] or = new byte[h * w];
        byte[] and = new byte[h * w];
        for (int p = 0; p < h * w; p++) {
            boolean any = false;
            boolean all = true;
            for (byte[] m : masks) {
                any |= m[p] != 0;
                all &= m[p] != 0;
            }
            or[p] = (byte) (any ? 1 : 0);
            and[p] = (byte) (all ? 1 : 0);
        }
        Rle union = Masks.merge(rles, false);
        Rle inter = Masks.merge(rles, true);
        assertThat(RleCodec.decode(union)).containsExactly(or);
        assertThat(RleCodec.decode(inter)).containsExactly(and);
        long maxArea = rles.stream().mapToLong(Masks::area).max().orElseThrow();
        long minArea = rles.stream().mapToLong(Masks::area).min().orElseThrow();
        assertThat(Masks.area(union)).isGreaterThanOrEqualTo(maxArea);
        assertThat(Masks.area(inter)).isLessThanOrEqualTo(minArea);
        assertThat(union).as("merge output is canonical").isEqualTo(RleCodec.encode(or, h, w));
        assertThat(inter).isEqualTo(RleCodec.encode(and, h, w));
    }

    @Property
    void minusIsPixelwiseAndNot(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        Random rnd = new Random(seed);
        byte[] a = RandomMasks.mask(rnd, h, w);
        byte[] b = RandomMasks.mask(rnd, h, w);
        byte[] expected = new byte[h * w];
        for (int p = 0; p < expected.length; p++) {
            expected[p] = (byte) (a[p] != 0 && b[p] == 0 ? 1 : 0);
        }
        Rle diff = Masks.minus(RleCodec.encode(a, h, w), RleCodec.encode(b, h, w));
        assertThat(diff).isEqualTo(RleCodec.encode(expected, h, w));
    }

    @Property
    void invertTwiceIsIdentity(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        Rle rle = RleCodec.encode(RandomMasks.mask(new Random(seed), h, w), h, w);
        assertThat(Masks.area(Masks.invert(rle))).isEqualTo((long) h * w - Masks.area(rle));
        assertThat(Masks.invert(Masks.invert(rle))).isEqualTo(rle);
    }
}
