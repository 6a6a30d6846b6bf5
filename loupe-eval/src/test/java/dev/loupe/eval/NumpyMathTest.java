package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** numpy semantics the evaluation depends on; expected values were computed with numpy. */
class NumpyMathTest {

    @Test
    void linspaceMatchesNumpyBitForBit() {
        // [float(x).hex() for x in np.linspace(.5, .95, 10)]
        double[] expected = {0x1.0000000000000p-1, 0x1.199999999999ap-1, 0x1.3333333333333p-1, 0x1.4cccccccccccdp-1,
            0x1.6666666666666p-1, 0x1.8000000000000p-1, 0x1.999999999999ap-1, 0x1.b333333333333p-1,
            0x1.cccccccccccccp-1, 0x1.e666666666666p-1};
        assertThat(NumpyMath.linspace(.5, .95, 10)).containsExactly(expected);
        double[] r = NumpyMath.linspace(0, 1, 101);
        assertThat(r).hasSize(101);
        assertThat(r[7]).isEqualTo(0.07);
        assertThat(r[50]).isEqualTo(0.5);
        assertThat(r[100]).isEqualTo(1.0);
    }

    @Test
    void searchSortedLeftFindsTheFirstIndexNotBelow() {
        double[] a = {0, .25, .25, .5, 1};
        assertThat(NumpyMath.searchSortedLeft(a, 5, 0)).isZero();
        assertThat(NumpyMath.searchSortedLeft(a, 5, .25)).isEqualTo(1);
        assertThat(NumpyMath.searchSortedLeft(a, 5, .3)).isEqualTo(3);
        assertThat(NumpyMath.searchSortedLeft(a, 5, 1.5)).isEqualTo(5);
        assertThat(NumpyMath.searchSortedLeft(a, 3, .5)).isEqualTo(3);
    }

    @Test
    void descendingOrderIsStableAndTreatsSignedZerosAsEqual() {
        double[] s = {.5, .9, .5, -0.0, .9, 0.0};
        assertThat(NumpyMath.stableOrderDescending(s, 6)).containsExactly(1, 4, 0, 2, 3, 5);
        assertThat(NumpyMath.stableOrderDescending(s, 3)).containsExactly(1, 0, 2);
        assertThatThrownBy(() -> NumpyMath.stableOrderDescending(new double[] {Double.NaN}, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void meanUsesNumpysPairwiseSummation() {
        double[] a = new double[1000];
        double naive = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = 1.0 / (i + 1) + Math.sqrt(i) * 1e-3;
            naive += a[i];
        }
        // np.array([...]).sum() == 28.551303971429398; a left-to-right loop gives ...384.
        assertThat(NumpyMath.pairwiseSum(a, 0, a.length)).isEqualTo(28.551303971429398);
        assertThat(naive).isNotEqualTo(28.551303971429398);
        assertThat(NumpyMath.mean(a, a.length)).isEqualTo(28.551303971429398 / 1000);
        assertThat(NumpyMath.mean(new double[] {1, 2, 4}, 3)).isEqualTo(7.0 / 3);
    }
}
