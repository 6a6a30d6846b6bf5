package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RleCodecTest {

    @Test
    void plusShapeIn3x3EncodesColumnMajor() {
        // rows: 010 / 111 / 010; column-major: col0 = 0,1,0  col1 = 1,1,1  col2 = 0,1,0
        // sequence 0 1 0 1 1 1 0 1 0 -> runs 1,1,1,3,1,1,1
        byte[] rowMajor = {0, 1, 0, 1, 1, 1, 0, 1, 0};
        Rle rle = RleCodec.encodeRowMajor(rowMajor, 3, 3);
        assertThat(rle.counts()).containsExactly(1, 1, 1, 3, 1, 1, 1);
        assertThat(RleCodec.decodeRowMajor(rle)).containsExactly(rowMajor);
    }

    @Test
    void rowMajorAndColumnMajorDiffer() {
        // 2 rows x 3 columns, top-left two pixels set: row-major 110/000.
        // column-major: col0 = (1,0), col1 = (1,0), col2 = (0,0) -> 1 0 1 0 0 0 -> runs 0,1,1,1,3
        boolean[] rowMajor = {true, true, false, false, false, false};
        Rle rle = RleCodec.encodeRowMajor(rowMajor, 2, 3);
        assertThat(rle.counts()).containsExactly(0, 1, 1, 1, 3);
        assertThat(RleCodec.decode(rle)).containsExactly(1, 0, 1, 0, 0, 0);
        assertThat(RleCodec.encode(new byte[] {1, 0, 1, 0, 0, 0}, 2, 3)).isEqualTo(rle);
    }

    @Test
    void firstRunIsZerosEvenWhenTheMaskStartsWithForeground() {
        assertThat(RleCodec.encode(new boolean[] {true, true, true, true}, 2, 2).counts()).containsExactly(0, 4);
        assertThat(RleCodec.encode(new boolean[6], 2, 3).counts()).containsExactly(6);
        assertThat(RleCodec.encode(new boolean[0], 0, 5).counts()).containsExactly(0);
    }

    @Test
    void anyNonZeroByteIsForeground() {
        assertThat(RleCodec.encode(new byte[] {0, (byte) 255, (byte) 255, 0}, 2, 2).counts()).containsExactly(1, 2, 1);
    }

    @Test
    void encodeRejectsAMaskOfTheWrongLength() {
        assertThatThrownBy(() -> RleCodec.encode(new byte[5], 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 pixels");
        assertThatThrownBy(() -> RleCodec.encode((boolean[]) null, 2, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void smallCountsAreOneCharacterEach() {
        // each of 2,3,4 fits in 4 bits with no sign: one char, value + 48; index 2 is not delta-coded
        assertThat(RleCodec.toCocoString(new Rle(3, 3, new int[] {2, 3, 4}))).isEqualTo("234");
    }

    @Test
    void sixteenNeedsTwoCharactersBecauseOfTheSignBit() {
        // 16: c = 16 & 0x1f = 16, x >>= 5 -> 0; bit 0x10 set so more = (x != -1) = true -> c = 48 -> '`'
        // then c = 0, x = 0, more = false -> '0'
        assertThat(RleCodec.toCocoString(new Rle(4, 4, new int[] {16}))).isEqualTo("`0");
        assertThat(RleCodec.fromCocoString("`0", 4, 4).counts()).containsExactly(16);
    }

    @Test
    void countsAfterTheThirdAreDeltasFromTwoPlacesEarlier() {
        // [0, 40, 5, 30]: 0 -> '0'; 40 = 8 + 1*32 -> (8|0x20)+48 = 'X', then 1 -> '1';
        // 5 -> '5' (index 2: no delta); index 3: 30 - 40 = -10, -10 & 0x1f = 22 (0x10 set), x >>= 5 -> -1,
        // so more = false and the char is 22 + 48 = 'F'.
        Rle rle = new Rle(5, 15, new int[] {0, 40, 5, 30});
        assertThat(RleCodec.toCocoString(rle)).isEqualTo("0X15F");
        assertThat(RleCodec.fromCocoString("0X15F", 5, 15)).isEqualTo(rle);
    }

    @Test
    void negativeDeltaSpanningTwoCharacters() {
        // [0, 100, 0, 1]: 100 = 4 + 3*32 -> 'T' (4|0x20 = 36 -> 84), '3'; 0 -> '0';
        // 1 - 100 = -99: -99 & 0x1f = 29, x >>= 5 -> -4 (not -1) so more: (29|0x20)+48 = 'm';
        // -4 & 0x1f = 28, x -> -1, sign bit set -> stop: 28 + 48 = 'L'.
        Rle rle = new Rle(101, 1, new int[] {0, 100, 0, 1});
        assertThat(RleCodec.toCocoString(rle)).isEqualTo("0T30mL");
        assertThat(RleCodec.fromCocoString("0T30mL", 101, 1)).isEqualTo(rle);
    }

    @Test
    void invalidStringsAreRejectedWithAMessage() {
        assertThatThrownBy(() -> RleCodec.fromCocoString("0T", 101, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ends inside");
        assertThatThrownBy(() -> RleCodec.fromCocoString("0~", 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid character '~'");
        assertThatThrownBy(() -> RleCodec.fromCocoString("0 4", 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("position 1");
        assertThatThrownBy(() -> RleCodec.fromCocoString("3", 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 3");
        assertThatThrownBy(() -> RleCodec.fromCocoString("@", 2, 2)) // '@' = 16: sign bit -> -16
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-16");
        assertThatThrownBy(() -> RleCodec.fromCocoString("5", 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("remain");
        assertThatThrownBy(() -> RleCodec.fromCocoString("oooooooo0", 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 7");
        assertThatThrownBy(() -> RleCodec.fromCocoString(null, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyStringIsTheMaskWithNoRunsOnlyForAnEmptyImage() {
        assertThat(RleCodec.fromCocoString("", 0, 7).runCount()).isZero();
        assertThatThrownBy(() -> RleCodec.fromCocoString("", 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromUncompressedValidatesCounts() {
        assertThat(RleCodec.fromUncompressed(2, 2, new int[] {1, 2, 1})).isEqualTo(new Rle(2, 2, new int[] {1, 2, 1}));
        assertThatThrownBy(() -> RleCodec.fromUncompressed(2, 2, new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to 3");
    }
}
