package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RleTest {

    @Test
    void countsMustBeNonNegativeAndSumToThePixelCount() {
        assertThatThrownBy(() -> new Rle(2, 2, new int[] {5, -1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> new Rle(2, 2, new int[] {1, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 pixels");
        assertThatThrownBy(() -> new Rle(2, 2, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rle(-1, 2, new int[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rle(100_000, 100_000, new int[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void zeroLengthRunsAreKeptAsGiven() {
        assertThat(new Rle(2, 2, new int[] {0, 0, 4}).counts()).containsExactly(0, 0, 4);
    }

    @Test
    void isImmutableAndComparesByValue() {
        int[] c = {1, 2, 1};
        Rle rle = new Rle(2, 2, c);
        c[0] = 3;
        rle.counts()[1] = 0;
        assertThat(rle.counts()).containsExactly(1, 2, 1);
        assertThat(rle).isEqualTo(new Rle(2, 2, new int[] {1, 2, 1}))
                .hasSameHashCodeAs(new Rle(2, 2, new int[] {1, 2, 1}))
                .isNotEqualTo(new Rle(4, 1, new int[] {1, 2, 1}));
        assertThat(rle.toString()).contains("2x2").contains("[1, 2, 1]");
    }

    @Test
    void emptyMaskIsOneRunOfZeros() {
        assertThat(Rle.empty(3, 4).counts()).containsExactly(12);
        assertThat(Rle.empty(3, 4).pixelCount()).isEqualTo(12);
    }
}
