package dev.loupe.eval.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** L-BFGS, the multinomial logistic regression and the cross-validated probabilities on seeded synthetic data. */
class LogisticRegressionTest {
    @Test
    void lbfgsFindsTheMinimumOfRosenbrock() {
        Lbfgs.Result r = Lbfgs.minimise((x, g) -> {
            double a = 1 - x[0];
            double b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        }, new double[] {-1.2, 1}, 10, 500, 1e-10);
        assertThat(r.converged()).isTrue();
        assertThat(r.x()).containsExactly(new double[] {1, 1}, within(1e-6));
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(1);
        double[][] z = new double[30][4];
        int[] y = new int[30];
        for (int i = 0; i < z.length; i++) {
            for (int j = 0; j < 4; j++) {
                z[i][j] = rnd.nextGaussian();
            }
            y[i] = rnd.nextInt(3);
        }
        double[] w = rnd.doubles(15, -1, 1).toArray();
        double[] g = new double[15];
        LogisticRegression.loss(z, y, 3, w, g, 0.5);
        for (int k = 0; k < w.length; k++) {
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[k] += 1e-6;
            minus[k] -= 1e-6;
            double fd = (LogisticRegression.loss(z, y, 3, plus, new double[15], 0.5)
                    - LogisticRegression.loss(z, y, 3, minus, new double[15], 0.5)) / 2e-6;
            assertThat(g[k]).as("weight %d", k).isCloseTo(fd, within(1e-5));
        }
    }

    @Test
    void crossValidationFindsFlippedLabelsOfSeparableClasses() {
        int n = 600;
        int classes = 3;
        SplittableRandom rnd = new SplittableRandom(7);
        float[][] x = new float[n][8];
        int[] truth = new int[n];
        int[] given = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = i % classes;
            for (int j = 0; j < 8; j++) {
                x[i][j] = (float) (rnd.nextGaussian() + (j == truth[i] ? 4 : 0));
            }
            given[i] = i % 20 == 0 ? (truth[i] + 1) % classes : truth[i]; // 5% flipped
        }
        double[][] p = CrossValidatedProbabilities.compute(x, given, classes, 5, 42, LogisticRegression.Params.DEFAULTS);
        for (double[] row : p) {
            assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-12));
        }
        boolean[] issues = ConfidentLearning.findLabelIssues(new ClassProbabilities(given, p, classes),
                IssueFilter.PRUNE_BY_NOISE_RATE);
        int hits = 0;
        int flagged = 0;
        for (int i = 0; i < n; i++) {
            flagged += issues[i] ? 1 : 0;
            hits += issues[i] && given[i] != truth[i] ? 1 : 0;
        }
        assertThat(hits).as("flipped labels found").isGreaterThanOrEqualTo(27); // of 30
        assertThat(flagged - hits).as("clean labels flagged").isLessThanOrEqualTo(3);
        // the same seed gives the same probabilities
        assertThat(CrossValidatedProbabilities.compute(x, given, classes, 5, 42, LogisticRegression.Params.DEFAULTS))
                .isDeepEqualTo(p);
    }

    @Test
    void foldsAreStratifiedAndSeeded() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 50 ? 0 : i < 80 ? 1 : 2;
        }
        int[] folds = CrossValidatedProbabilities.assignFolds(labels, 3, 5, 3);
        for (int f = 0; f < 5; f++) {
            int fold = f;
            long perFold = java.util.stream.IntStream.range(0, 100).filter(i -> folds[i] == fold).count();
            assertThat(perFold).isEqualTo(20);
            assertThat(java.util.stream.IntStream.range(0, 50).filter(i -> folds[i] == fold).count()).isEqualTo(10);
        }
        assertThat(CrossValidatedProbabilities.assignFolds(labels, 3, 5, 3)).containsExactly(folds);
        assertThat(CrossValidatedProbabilities.assignFolds(labels, 3, 5, 4)).isNotEqualTo(folds);
    }
}
