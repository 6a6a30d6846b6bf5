package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IouTest {

    @Test
    void overlappingBoxes() {
        // intersection 5x5 = 25, union 100 + 100 - 25 = 175
        assertThat(Iou.box(new Box(0, 0, 10, 10), new Box(5, 5, 10, 10), false)).isEqualTo(25.0 / 175.0);
    }

    @Test
    void crowdGroundTruthDividesByTheDetectionArea() {
        assertThat(Iou.box(new Box(0, 0, 10, 10), new Box(5, 5, 10, 10), true)).isEqualTo(0.25);
        assertThat(Iou.box(new Box(5, 5, 2, 2), new Box(0, 0, 10, 10), true)).isEqualTo(1.0);
        assertThat(Iou.box(new Box(0, 0, 10, 10), new Box(5, 5, 2, 2), true)).isEqualTo(0.04);
    }

    @Test
    void disjointAndTouchingBoxesGiveZero() {
        assertThat(Iou.box(new Box(0, 0, 1, 1), new Box(5, 5, 1, 1), false)).isZero();
        assertThat(Iou.box(new Box(0, 0, 10, 10), new Box(10, 0, 5, 5), false)).isZero();
        assertThat(Iou.box(new Box(0, 0, 10, 10), new Box(0, 10, 5, 5), false)).isZero();
    }

    @Test
    void degenerateBoxesGiveZero() {
        assertThat(Iou.box(new Box(0, 0, 0, 10), new Box(0, 0, 10, 10), false)).isZero();
        assertThat(Iou.box(new Box(5, 0, -2, 10), new Box(0, 0, 10, 10), false)).isZero();
    }

    @Test
    void nanCoordinateIsIgnoredByFminFmaxAsInC() {
        // fmin(NaN + 10, 10) = 10 and fmax(NaN, 0) = 0, so the overlap is 10 x 10; areas use only w*h
        assertThat(Iou.box(new Box(Double.NaN, 0, 10, 10), new Box(0, 0, 10, 10), false)).isEqualTo(1.0);
    }

    @Test
    void maskIouCountsPixels() {
        Rle cols01 = new Rle(3, 3, new int[] {0, 6, 3});
        Rle cols12 = new Rle(3, 3, new int[] {3, 6});
        assertThat(Iou.mask(cols01, cols12, false)).isEqualTo(3.0 / 9.0);
        assertThat(Iou.mask(cols01, cols12, true)).isEqualTo(0.5);
    }

    @Test
    void maskIouIsZeroWhenBoxesOverlapButPixelsDoNot() {
        Rle diagonal = new Rle(2, 2, new int[] {0, 1, 2, 1});
        Rle antiDiagonal = new Rle(2, 2, new int[] {1, 2, 1});
        assertThat(Iou.mask(diagonal, antiDiagonal, false)).isZero();
    }

    @Test
    void maskIouOfEmptyMasksIsZeroNotNaN() {
        // union 0: the empty masks' boxes are (0,0,0,0), bbIou gives 0 and rleIou keeps it
        assertThat(Iou.mask(Rle.empty(3, 3), Rle.empty(3, 3), false)).isZero();
        assertThat(Iou.mask(Rle.empty(3, 3), Rle.empty(3, 3), true)).isZero();
    }

    @Test
    void maskIouOfDifferentSizesIsMinusOneOnlyWhenTheBoxesOverlap() {
        Rle a = new Rle(2, 2, new int[] {0, 4});
        Rle b = new Rle(3, 3, new int[] {0, 9});
        Rle far = new Rle(3, 3, new int[] {8, 1});
        assertThat(Iou.mask(a, b, false)).isEqualTo(-1.0);
        assertThat(Iou.mask(a, far, false)).isZero();
    }

    @Test
    void matricesAreIndexedDetectionThenGroundTruth() {
        List<Box> dt = List.of(new Box(0, 0, 10, 10), new Box(20, 20, 5, 5));
        List<Box> gt = List.of(new Box(5, 5, 10, 10), new Box(0, 0, 10, 10), new Box(22, 22, 10, 10));
        double[][] o = Iou.boxes(dt, gt, new boolean[] {false, false, true});
        assertThat(o).hasNumberOfRows(2);
        assertThat(o[0]).containsExactly(25.0 / 175.0, 1.0, 0.0);
        // dt 1 vs gt 2: intersection 3x3 = 9; crowd: 9 / 25, not crowd: 9 / (25 + 100 - 9)
        assertThat(o[1]).containsExactly(0.0, 0.0, 9.0 / 25.0);
        assertThat(Iou.boxes(dt, gt, null)[1][2]).isEqualTo(9.0 / 116.0);
        assertThatThrownBy(() -> Iou.boxes(dt, gt, new boolean[2])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskMatrixMatchesPairwiseIou() {
        Rle c0 = new Rle(3, 3, new int[] {0, 3, 6});
        Rle c01 = new Rle(3, 3, new int[] {0, 6, 3});
        Rle c12 = new Rle(3, 3, new int[] {3, 6});
        double[][] o = Iou.masks(List.of(c0, c01), List.of(c12, c0), new boolean[] {true, false});
        assertThat(o[0]).containsExactly(0.0, 1.0);
        assertThat(o[1]).containsExactly(0.5, 0.5);
        assertThat(Iou.masks(List.of(), List.of(c0), null)).isEmpty();
    }
}
