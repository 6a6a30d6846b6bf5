package dev.loupe.eval.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Confident learning against cleanlab 2.9.0 on the shared 1500 x 5 reference: the same masks, the
 * same ranked order, scores and matrices to 1e-9.
 */
class ConfidentLearningReferenceTest {
    private static final double EPS = 1e-9;
    private static final ClassProbabilities IN = CleanlabClassificationReference.input();

    @ParameterizedTest
    @EnumSource(IssueFilter.class)
    void findLabelIssuesGivesCleanlabsMask(IssueFilter filter) {
        int[] expected = CleanlabClassificationReference.ints("expected_issues_" + filter.id() + ".csv");
        boolean[] mask = ConfidentLearning.findLabelIssues(IN, filter);
        int[] got = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            got[i] = mask[i] ? 1 : 0;
        }
        assertThat(got).containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(LabelQuality.class)
    void rankedIssuesComeInCleanlabsOrder(LabelQuality method) {
        int[] expected = CleanlabClassificationReference.ints("expected_ranked_" + method.id() + ".csv");
        boolean[] mask = ConfidentLearning.findLabelIssues(IN, IssueFilter.PRUNE_BY_NOISE_RATE);
        assertThat(ConfidentLearning.rank(IN, mask, method)).containsExactly(expected);
    }

    @ParameterizedTest
    @EnumSource(LabelQuality.class)
    void labelQualityScoresMatchTo1e9(LabelQuality method) {
        double[] expected = CleanlabClassificationReference.doubles("expected_scores_" + method.id() + ".csv");
        assertThat(method.scores(IN)).containsExactly(expected, within(EPS));
    }

    @Test
    void confidentJointIsCleanlabsCalibratedJoint() {
        double[][] expected = CleanlabClassificationReference.matrix("expected_confident_joint.csv", false);
        int[][] got = ConfidentJoint.compute(IN, true).counts();
        for (int i = 0; i < expected.length; i++) {
            assertThat(Arrays.stream(got[i]).asDoubleStream().toArray()).as("row %d", i).containsExactly(expected[i]);
        }
    }

    @Test
    void priorAndNoiseMatricesMatchTo1e9() {
        NoiseEstimate e = NoiseEstimate.estimate(IN);
        assertThat(e.py()).containsExactly(column(CleanlabClassificationReference.matrix("expected_py.csv", false)),
                within(EPS));
        assertMatrix(e.noiseMatrix(), CleanlabClassificationReference.matrix("expected_noise_matrix.csv", false));
        assertMatrix(e.inverseNoiseMatrix(),
                CleanlabClassificationReference.matrix("expected_inverse_noise_matrix.csv", false));
    }

    private static double[] column(double[][] m) {
        return Arrays.stream(m).mapToDouble(r -> r[0]).toArray();
    }

    private static void assertMatrix(double[][] got, double[][] expected) {
        assertThat(got.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(got[i]).as("row %d", i).containsExactly(expected[i], within(EPS));
        }
    }
}
