package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void areaAndCornersFollowCocoXywh() {
        Box b = new Box(2, 3, 4, 5);
        assertThat(b.area()).isEqualTo(20.0);
        assertThat(b.x2()).isEqualTo(6.0);
        assertThat(b.y2()).isEqualTo(8.0);
    }

    @Test
    void fromCornersGivesWidthAndHeight() {
        assertThat(Box.fromCorners(1, 2, 4, 7)).isEqualTo(new Box(1, 2, 3, 5));
    }

    @Test
    void badValuesAreRepresentableAndDegenerate() {
        assertThat(new Box(Double.NaN, 0, 1, 1).isDegenerate()).isTrue();
        assertThat(new Box(0, 0, Double.POSITIVE_INFINITY, 1).isDegenerate()).isTrue();
        assertThat(new Box(0, 0, -1, 1).isDegenerate()).isTrue();
        assertThat(new Box(0, 0, 1, 0).isDegenerate()).isTrue();
        assertThat(new Box(0, 0, 1, 1).isDegenerate()).isFalse();
        assertThat(new Box(0, 0, -2, 3).area()).isEqualTo(-6.0);
    }

    @Test
    void clipToKeepsThePartInsideTheImage() {
        assertThat(new Box(-2, -1, 5, 4).clipTo(10, 10)).isEqualTo(new Box(0, 0, 3, 3));
        assertThat(new Box(8, 7, 5, 5).clipTo(10, 9)).isEqualTo(new Box(8, 7, 2, 2));
        assertThat(new Box(1, 1, 2, 2).clipTo(10, 10)).isEqualTo(new Box(1, 1, 2, 2));
    }

    @Test
    void clipToOfABoxOutsideTheImageHasZeroSize() {
        assertThat(new Box(20, 20, 5, 5).clipTo(10, 10)).isEqualTo(new Box(10, 10, 0, 0));
        assertThat(new Box(5, 5, -3, 2).clipTo(10, 10).w()).isEqualTo(0.0);
    }

    @Test
    void clipToRejectsNegativeImageSize() {
        assertThatThrownBy(() -> new Box(0, 0, 1, 1).clipTo(-1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
