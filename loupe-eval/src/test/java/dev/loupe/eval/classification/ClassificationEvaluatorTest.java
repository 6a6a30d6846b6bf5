package dev.loupe.eval.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Classification metrics on a six-item case computed by hand (tolerance 1e-12). */
class ClassificationEvaluatorTest {
    private static final double EPS = 1e-12;

    // true label, top-1 prediction, rank of the true class:
    // 0 -> 0 (0); 0 -> 1 (2); 1 -> 1 (0); 1 -> 2 (2: .4 above, class 0 ties and ranks first);
    // 1 -> 0 (1: tie .4/.4, lower index first); 2 -> 2 (0)
    private static final double[][] P = {
        {.7, .2, .1}, {.1, .6, .3}, {.2, .5, .3}, {.3, .3, .4}, {.4, .4, .2}, {.1, .2, .7}};
    private static final int[] Y = {0, 0, 1, 1, 1, 2};

    @Test
    void accuracyTopKAndConfusionMatrix() {
        ClassificationResult r = ClassificationEvaluator.evaluate(P, Y, 3, 1, 2);
        assertThat(r.items()).isEqualTo(6);
        assertThat(r.accuracy()).isCloseTo(.5, within(EPS));
        assertThat(r.topK()).extracting(ClassificationResult.TopKAccuracy::k).containsExactly(1, 2, 3);
        assertThat(r.topK()).extracting(ClassificationResult.TopKAccuracy::accuracy)
                .containsExactly(.5, 4 / 6.0, 1.0);
        assertThat(r.confusion()).isDeepEqualTo(new long[][] {{1, 1, 0}, {1, 1, 1}, {0, 0, 1}});
    }

    @Test
    void perClassAndAveragedScores() {
        ClassificationResult r = ClassificationEvaluator.evaluate(P, Y);
        ClassReport c0 = r.classes().get(0);
        ClassReport c1 = r.classes().get(1);
        ClassReport c2 = r.classes().get(2);
        assertThat(new double[] {c0.precision(), c0.recall(), c0.f1()}).containsExactly(new double[] {.5, .5, .5},
                within(EPS));
        assertThat(new double[] {c1.precision(), c1.recall(), c1.f1()}).containsExactly(
                new double[] {.5, 1 / 3.0, .4}, within(EPS));
        assertThat(new double[] {c2.precision(), c2.recall(), c2.f1()}).containsExactly(
                new double[] {.5, 1, 2 / 3.0}, within(EPS));
        assertThat(c1.support()).isEqualTo(3);
        assertThat(c2.predicted()).isEqualTo(2);
        assertThat(r.macro().precision()).isCloseTo(.5, within(EPS));
        assertThat(r.macro().recall()).isCloseTo(11 / 18.0, within(EPS));
        assertThat(r.macro().f1()).isCloseTo(47 / 90.0, within(EPS));
        assertThat(r.weighted().precision()).isCloseTo(.5, within(EPS));
        assertThat(r.weighted().recall()).isCloseTo(r.accuracy(), within(EPS));
        assertThat(r.weighted().f1()).isCloseTo(43 / 90.0, within(EPS));
    }

    @Test
    void aClassNeverSeenScoresZeroAndCountsInTheMacroAverage() {
        double[][] p = {{.9, .1}, {.8, .2}};
        ClassificationResult r = ClassificationEvaluator.evaluate(p, new int[] {0, 0});
        assertThat(r.classes().get(1).precision()).isZero();
        assertThat(r.classes().get(1).recall()).isZero();
        assertThat(r.macro().recall()).isCloseTo(.5, within(EPS));
        assertThat(r.weighted().recall()).isCloseTo(1, within(EPS));
    }

    @Test
    void badInputNamesTheItem() {
        assertThatThrownBy(() -> ClassificationEvaluator.evaluate(new double[][] {{.5, .5}, {Double.NaN, 1}},
                new int[] {0, 1})).hasMessage("item 1: score of class 0 is NaN");
        assertThatThrownBy(() -> ClassificationEvaluator.evaluate(new double[][] {{.5, .5}, {.5}},
                new int[] {0, 1})).hasMessage("item 1: expected 2 class scores, got 1");
        assertThatThrownBy(() -> ClassificationEvaluator.evaluate(new double[][] {{.5, .5}}, new int[] {2}))
                .hasMessage("item 0: true label 2 is not in [0, 2)");
    }
}
