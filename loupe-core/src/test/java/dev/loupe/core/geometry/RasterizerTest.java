package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RasterizerTest {

    /**
     * Square [1,1, 4,1, 4,4, 1,4] in a 6x6 image, worked through rleFrPoly by hand.
     * Upsampled vertices (int)(5v + .5): (5,5) (20,5) (20,20) (5,20).
     * Edge (5,5)->(20,5): u rises 5..20 at v = 5; a crossing is kept where xd = (u-1 + .5)/5 - .5 is an
     * integer, i.e. u-1 = 7, 12, 17 -> columns 1, 2, 3, row ceil((5 + .5)/5 - .5) = ceil(0.6) = 1.
     * Edge (20,20)->(5,20): u falls, xd = (u + .5)/5 - .5 -> u = 17, 12, 7 -> columns 3, 2, 1, row
     * ceil((20 + .5)/5 - .5) = ceil(3.6) = 4. Vertical edges keep u constant: no crossings.
     * Positions col*6 + row: 7, 13, 19 (toggle on) and 22, 16, 10 (toggle off), plus 36 at the end.
     * Sorted 7, 10, 13, 16, 19, 22, 36 -> differences 7, 3, 3, 3, 3, 3, 14:
     * rows 1..3 of columns 1..3, the 9 pixels whose centres are inside the square.
     */
    @Test
    void axisAlignedSquareCoversThePixelsWhoseCentresAreInside() {
        Rle rle = Rasterizer.fromPolygonRing(new double[] {1, 1, 4, 1, 4, 4, 1, 4}, 6, 6);
        assertThat(rle.counts()).containsExactly(7, 3, 3, 3, 3, 3, 14);
        byte[] rowMajor = RleCodec.decodeRowMajor(rle);
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                boolean inside = r >= 1 && r <= 3 && c >= 1 && c <= 3;
                assertThat(rowMajor[r * 6 + c]).as("row %d col %d", r, c).isEqualTo((byte) (inside ? 1 : 0));
            }
        }
    }

    @Test
    void windingOrderDoesNotMatter() {
        assertThat(Rasterizer.fromPolygonRing(new double[] {1, 4, 4, 4, 4, 1, 1, 1}, 6, 6).counts())
                .containsExactly(7, 3, 3, 3, 3, 3, 14);
    }

    /**
     * Box (1, 2, 3, 2) in a 5-row, 6-column image: columns 1..3, rows 2..3.
     * Column-major with h = 5: ones at 7,8 | 12,13 | 17,18 -> runs 7, 2, 3, 2, 3, 2, 11.
     */
    @Test
    void integerBoxCoversExactlyItsPixels() {
        Rle rle = Rasterizer.fromBox(new Box(1, 2, 3, 2), 5, 6);
        assertThat(rle.counts()).containsExactly(7, 2, 3, 2, 3, 2, 11);
        assertThat(Masks.area(rle)).isEqualTo(6);
        assertThat(Masks.toBox(rle)).isEqualTo(new Box(1, 2, 3, 2));
    }

    /**
     * Box (0.5, 0.5, 2, 2) in 4x4: upsampled 3..13 on both axes. Column crossings at u-1 = 7, 12 ->
     * columns 1, 2; top row ceil((3 + .5)/5 - .5) = ceil(0.2) = 1, bottom ceil((13 + .5)/5 - .5) = 3:
     * rows 1..2 (pixel centres 1.5 and 2.5 lie in [0.5, 2.5]).
     */
    @Test
    void halfPixelBoxSelectsPixelCentresInside() {
        Rle rle = Rasterizer.fromBox(new Box(0.5, 0.5, 2, 2), 4, 4);
        assertThat(rle.counts()).containsExactly(5, 2, 2, 2, 5);
        assertThat(Masks.toBox(rle)).isEqualTo(new Box(1, 1, 2, 2));
    }

    /**
     * [-2,-2, 8,-2, 8,8, -2,8] in 6x6: -2 upsamples to (int)(-9.5) = -9 (truncation), 8 to 40.
     * Top edge crossings in columns 0..5 at row 0 (clamped from -2.2), bottom edge at row 6
     * (clamped from 7.6). Positions 0,6,...,30 and 6,...,36 plus 36: differences 0,6,0,6,...,0,
     * and each zero merges the next run into the previous one -> [0, 36].
     */
    @Test
    void pointsOutsideTheImageAreClipped() {
        assertThat(Rasterizer.fromPolygonRing(new double[] {-2, -2, 8, -2, 8, 8, -2, 8}, 6, 6).counts())
                .containsExactly(0, 36);
    }

    @Test
    void polygonEntirelyOutsideTheImageIsEmpty() {
        assertThat(Rasterizer.fromPolygonRing(new double[] {10, 10, 12, 10, 12, 12}, 6, 6)).isEqualTo(Rle.empty(6, 6));
        assertThat(Rasterizer.fromPolygonRing(new double[] {-5, 1, -1, 1, -1, 3}, 6, 6)).isEqualTo(Rle.empty(6, 6));
    }

    @Test
    void degenerateRingsGiveEmptyMasks() {
        assertThat(Rasterizer.fromPolygonRing(new double[0], 4, 4)).isEqualTo(Rle.empty(4, 4));
        assertThat(Rasterizer.fromPolygonRing(new double[] {1, 1}, 4, 4)).isEqualTo(Rle.empty(4, 4));
        assertThat(Rasterizer.fromPolygonRing(new double[] {1, 1, 3, 3}, 4, 4)).isEqualTo(Rle.empty(4, 4));
        assertThat(Rasterizer.fromPolygonRing(new double[] {1, 1, 3, 3, 1, 1}, 0, 4).counts()).containsExactly(0);
    }

    @Test
    void cocoPartsAreUnitedAndHolesSubtracted() {
        Polygon twoParts = Polygon.ofCocoParts(List.of(new double[] {0, 0, 2, 0, 2, 2, 0, 2},
                new double[] {1, 1, 3, 1, 3, 3, 1, 3}));
        Rle union = Rasterizer.fromPolygon(twoParts, 4, 4);
        assertThat(Masks.area(union)).isEqualTo(7);
        assertThat(union).isEqualTo(Masks.merge(List.of(
                Rasterizer.fromPolygonRing(new double[] {0, 0, 2, 0, 2, 2, 0, 2}, 4, 4),
                Rasterizer.fromPolygonRing(new double[] {1, 1, 3, 1, 3, 3, 1, 3}, 4, 4)), false));

        Polygon withHole = new Polygon(List.of(Ring.of(0, 0, 4, 0, 4, 4, 0, 4),
                new Ring(new double[] {1, 1, 3, 1, 3, 3, 1, 3}, true)));
        Rle ring = Rasterizer.fromPolygon(withHole, 4, 4);
        assertThat(Masks.area(ring)).isEqualTo(12);
        byte[] rowMajor = RleCodec.decodeRowMajor(ring);
        assertThat(rowMajor[5]).isZero();
        assertThat(rowMajor[0]).isEqualTo((byte) 1);
        assertThat(Rasterizer.fromPolygon(new Polygon(List.of()), 3, 3)).isEqualTo(Rle.empty(3, 3));
    }

    @Test
    void nonFiniteOrHugeCoordinatesAreRejected() {
        assertThatThrownBy(() -> Rasterizer.fromPolygonRing(new double[] {0, 0, Double.NaN, 1, 2, 2}, 4, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Rasterizer.fromBox(new Box(0, 0, Double.POSITIVE_INFINITY, 1), 4, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rasterizer.fromPolygonRing(new double[] {0, 0, 1e9, 0, 0, 1}, 4, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rasterizer.fromPolygonRing(new double[] {0, 0, 1}, 4, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
