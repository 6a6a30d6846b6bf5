package dev.loupe.eval.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Bad confident-learning input is refused with the item and the value named. */
class ClassProbabilitiesTest {
    @Test
    void rowNotSummingToOneNamesTheItem() {
        assertThatThrownBy(() -> new ClassProbabilities(new int[] {0, 1}, new double[][] {{.5, .5}, {.5, .4}}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("item 1").hasMessageContaining("sum to 0.9");
    }

    @Test
    void nanNamesTheItemAndClass() {
        assertThatThrownBy(() -> new ClassProbabilities(new int[] {0}, new double[][] {{Double.NaN, 1}}, 2))
                .hasMessageContaining("item 0: probability of class 0 is NaN");
    }

    @Test
    void labelOutsideTheClassesAndWrongRowLengthAreRefused() {
        assertThatThrownBy(() -> new ClassProbabilities(new int[] {2}, new double[][] {{.5, .5}}, 2))
                .hasMessageContaining("item 0: label 2 is not a class in [0, 2)");
        assertThatThrownBy(() -> new ClassProbabilities(new int[] {0}, new double[][] {{.2, .3, .5}}, 2))
                .hasMessageContaining("item 0: 3 probabilities, expected 2");
    }

    @Test
    void unknownFilterAndMethodListTheKnownNames() {
        assertThatThrownBy(() -> IssueFilter.of("nope")).hasMessageContaining("prune_by_noise_rate");
        assertThatThrownBy(() -> LabelQuality.of("nope")).hasMessageContaining("self_confidence");
        assertThat(IssueFilter.of("both")).isEqualTo(IssueFilter.BOTH);
    }

    @Test
    void anItemPredictedAsItsLabelIsNeverFlagged() {
        // item 2 is given 0 but predicted 1 with certainty; the others are clean
        ClassProbabilities in = new ClassProbabilities(new int[] {0, 0, 0, 1, 1},
                new double[][] {{.9, .1}, {.8, .2}, {0, 1}, {.1, .9}, {.2, .8}}, 2);
        for (IssueFilter f : IssueFilter.values()) {
            assertThat(ConfidentLearning.findLabelIssues(in, f)).as(f.id()).containsExactly(false, false, true, false, false);
        }
    }
}
