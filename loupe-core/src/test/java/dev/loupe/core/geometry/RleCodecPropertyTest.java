package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RleCodecPropertyTest {

    @Property
    void encodeThenDecodeGivesTheMaskBack(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        byte[] mask = RandomMasks.mask(new Random(seed), h, w);
        Rle rle = RleCodec.encode(mask, h, w);
        assertThat(RleCodec.decode(rle)).containsExactly(mask);
        for (int i = 1; i < rle.runCount(); i++) {
            assertThat(rle.count(i)).as("only the first run may be empty").isPositive();
        }
    }

    @Property
    void rowMajorEncodingTransposes(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        byte[] colMajor = RandomMasks.mask(new Random(seed), h, w);
        byte[] rowMajor = new byte[h * w];
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                rowMajor[r * w + c] = colMajor[c * h + r];
            }
        }
        Rle rle = RleCodec.encodeRowMajor(rowMajor, h, w);
        assertThat(rle).isEqualTo(RleCodec.encode(colMajor, h, w));
        assertThat(RleCodec.decodeRowMajor(rle)).containsExactly(rowMajor);
    }

    @Property
    void compressedStringRoundTripsMasks(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll long seed) {
        Rle rle = RleCodec.encode(RandomMasks.mask(new Random(seed), h, w), h, w);
        String s = RleCodec.toCocoString(rle);
        assertThat(s).matches("[0-o]*");
        assertThat(RleCodec.fromCocoString(s, h, w)).isEqualTo(rle);
    }

    @Property
    void compressedStringRoundTripsArbitraryCounts(
            @ForAll @Size(max = 50) List<@IntRange(min = 0, max = 40_000_000) Integer> counts) {
        int[] c = counts.stream().mapToInt(Integer::intValue).toArray();
        int sum = counts.stream().mapToInt(Integer::intValue).sum();
        Rle rle = new Rle(sum, 1, c);
        assertThat(RleCodec.fromCocoString(RleCodec.toCocoString(rle), sum, 1)).isEqualTo(rle);
    }
}
