package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolygonTest {

    @Test
    void ringAreaIsShoelaceWhateverTheWinding() {
        Ring cw = Ring.of(0, 0, 4, 0, 4, 3, 0, 3);
        Ring ccw = Ring.of(0, 0, 0, 3, 4, 3, 4, 0);
        assertThat(cw.area()).isEqualTo(12.0);
        assertThat(ccw.area()).isEqualTo(12.0);
        assertThat(cw.signedArea()).isEqualTo(-ccw.signedArea());
        assertThat(Ring.of(1, 1, 5, 5).area()).isEqualTo(0.0);
    }

    @Test
    void polygonAreaSubtractsHoles() {
        Polygon p = new Polygon(List.of(Ring.of(0, 0, 10, 0, 10, 10, 0, 10),
                new Ring(new double[] {2, 2, 4, 2, 4, 4, 2, 4}, true)));
        assertThat(p.area()).isEqualTo(96.0);
        assertThat(p.outerRings()).hasSize(1);
        assertThat(p.holes()).hasSize(1);
    }

    @Test
    void cocoPartsAreNonHoleRingsWhoseAreasAdd() {
        Polygon p = Polygon.ofCocoParts(List.of(new double[] {0, 0, 2, 0, 2, 2, 0, 2},
                new double[] {5, 5, 8, 5, 8, 6}));
        assertThat(p.rings()).noneMatch(Ring::hole);
        assertThat(p.area()).isEqualTo(4.0 + 1.5);
    }

    @Test
    void boundsSpanTheNonHoleVertices() {
        Polygon p = Polygon.ofCocoParts(List.of(new double[] {1, 2, 3, 2.5, 2, 6}, new double[] {7, 1, 8, 1, 8, 2}));
        assertThat(p.bounds()).isEqualTo(new Box(1, 1, 7, 5));
        assertThat(new Polygon(List.of()).bounds()).isEqualTo(new Box(0, 0, 0, 0));
    }

    @Test
    void ringIsImmutableAndComparesByValue() {
        double[] xy = {0, 0, 1, 0, 1, 1};
        Ring r = Ring.of(xy);
        xy[0] = 99;
        r.xy()[1] = 99;
        assertThat(r.xy()).containsExactly(0, 0, 1, 0, 1, 1);
        assertThat(r).isEqualTo(Ring.of(0, 0, 1, 0, 1, 1)).hasSameHashCodeAs(Ring.of(0, 0, 1, 0, 1, 1));
        assertThat(r).isNotEqualTo(new Ring(new double[] {0, 0, 1, 0, 1, 1}, true));
        assertThat(r.toString()).contains(Arrays.toString(new double[] {0, 0, 1, 0, 1, 1}));
    }

    @Test
    void invalidRingsAndPolygonsAreRejected() {
        assertThatThrownBy(() -> Ring.of(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("odd");
        assertThatThrownBy(() -> new Ring(null, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Polygon(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Polygon(Arrays.asList(Ring.of(), null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
