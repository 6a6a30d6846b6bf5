package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MasksTest {
    private static final Rle PLUS_3X3 = new Rle(3, 3, new int[] {1, 1, 1, 3, 1, 1, 1});
    private static final Rle COL0_3X3 = new Rle(3, 3, new int[] {0, 3, 6});
    private static final Rle COL1_3X3 = new Rle(3, 3, new int[] {3, 3, 3});

    @Test
    void areaSumsTheForegroundRuns() {
        assertThat(Masks.area(PLUS_3X3)).isEqualTo(5);
        assertThat(Masks.area(Rle.empty(4, 4))).isZero();
    }

    @Test
    void toBoxOfDecodedMaskIsItsPixelBounds() {
        assertThat(Masks.toBox(PLUS_3X3)).isEqualTo(new Box(0, 0, 3, 3));
        // single pixel at row 2, column 1 of a 4x3 mask: index 1*4 + 2 = 6
        byte[] mask = new byte[12];
        mask[6] = 1;
        assertThat(Masks.toBox(RleCodec.encode(mask, 4, 3))).isEqualTo(new Box(1, 2, 1, 1));
    }

    @Test
    void toBoxOfAnEmptyMaskIsAllZeros() {
        assertThat(Masks.toBox(Rle.empty(5, 7))).isEqualTo(new Box(0, 0, 0, 0));
        assertThat(Masks.toBox(new Rle(0, 0, new int[0]))).isEqualTo(new Box(0, 0, 0, 0));
    }

    @Test
    void toBoxIsFullHeightWhenARunWrapsIntoTheNextColumn() {
        // h = 4: pixels 3 (row 3, col 0) and 4 (row 0, col 1) only; maskApi widens to all rows
        assertThat(Masks.toBox(new Rle(4, 3, new int[] {3, 2, 7}))).isEqualTo(new Box(0, 0, 2, 4));
    }

    @Test
    void toBoxOfZeroLengthForegroundRunsFollowsMaskApiUnsignedArithmetic() {
        // [4, 0, 8], h = 4: j=0 -> t=4 (row 0, col 1); j=1 -> t=3 (row 3, col 0)
        assertThat(Masks.toBox(new Rle(4, 3, new int[] {4, 0, 8}))).isEqualTo(new Box(0, 0, 2, 4));
        // [0, 0, 12]: j=1 -> t = 0 - 1 = 2^32 - 1 as uint: row 3, column 1073741823
        assertThat(Masks.toBox(new Rle(4, 3, new int[] {0, 0, 12}))).isEqualTo(new Box(0, 0, 1073741824, 4));
    }

    @Test
    void mergeUnionAndIntersectionOfColumns() {
        assertThat(Masks.merge(List.of(COL0_3X3, COL1_3X3), false).counts()).containsExactly(0, 6, 3);
        assertThat(Masks.merge(List.of(COL0_3X3, COL1_3X3), true).counts()).containsExactly(9);
        assertThat(Masks.merge(List.of(PLUS_3X3, COL1_3X3), true)).isEqualTo(COL1_3X3);
    }

    @Test
    void mergeEdgeCasesFollowMaskApi() {
        assertThat(Masks.merge(List.of(), false)).isEqualTo(new Rle(0, 0, new int[0]));
        assertThat(Masks.merge(List.of(PLUS_3X3), true)).isEqualTo(PLUS_3X3);
        assertThat(Masks.merge(List.of(PLUS_3X3, Rle.empty(3, 4)), false)).isEqualTo(new Rle(0, 0, new int[0]));
    }

    @Test
    void invertTogglesTheLeadingZeroRun() {
        assertThat(Masks.invert(COL0_3X3).counts()).containsExactly(3, 6);
        assertThat(Masks.invert(COL1_3X3).counts()).containsExactly(0, 3, 3, 3);
    }

    @Test
    void minusRemovesTheSecondMask() {
        assertThat(Masks.minus(PLUS_3X3, COL1_3X3).counts()).containsExactly(1, 1, 5, 1, 1);
        assertThatThrownBy(() -> Masks.minus(PLUS_3X3, Rle.empty(2, 2))).isInstanceOf(IllegalArgumentException.class);
    }
}
