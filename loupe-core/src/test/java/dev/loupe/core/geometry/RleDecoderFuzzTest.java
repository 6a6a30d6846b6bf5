package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Bounded fuzzing of the RLE decoders (issue 17): any string, any size, any counts either decode to
 * a mask of exactly height x width pixels or are refused with an IllegalArgumentException that
 * says what is wrong (the importers turn it into an invalid_value issue); nothing else is thrown.
 * Tries: jqwik.tries.default (500 in CI; -Djqwik.tries.default=N for a longer run).
 */
class RleDecoderFuzzTest {
    @Provide
    Arbitrary<String> cocoStrings() {
        // mostly the RLE alphabet '0'..'o', sometimes anything
        return Arbitraries.oneOf(Arbitraries.strings().withCharRange('0', 'o').ofMaxLength(40),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Property
    void aCompressedStringDecodesToTheWholeMaskOrIsRefused(@ForAll("cocoStrings") String s,
            @ForAll @IntRange(min = -1, max = 30) int h, @ForAll @IntRange(min = -1, max = 30) int w) {
        Rle rle;
        try {
            rle = RleCodec.fromCocoString(s, h, w);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        long sum = 0;
        for (int i = 0; i < rle.runCount(); i++) {
            assertThat(rle.count(i)).isNotNegative();
            sum += rle.count(i);
        }
        assertThat(sum).isEqualTo((long) h * w);
        assertThat(RleCodec.decode(rle)).hasSize(h * w);
        assertThat(RleCodec.fromCocoString(RleCodec.toCocoString(rle), h, w)).isEqualTo(rle);
    }

    @Property
    void uncompressedCountsDecodeToTheWholeMaskOrAreRefused(@ForAll @IntRange(min = -1, max = 20) int h,
            @ForAll @IntRange(min = -1, max = 20) int w, @ForAll("counts") int[] counts) {
        Rle rle;
        try {
            rle = RleCodec.fromUncompressed(h, w, counts);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(RleCodec.decode(rle)).hasSize(h * w);
    }

    @Provide
    Arbitrary<int[]> counts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-2, 60), Arbitraries.integers())
                .array(int[].class).ofMaxSize(12);
    }
}
