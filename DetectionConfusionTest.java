package dev.loupe.eval.confusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.geometry.Box;
import dev.loupe.eval.confusion.DetectionConfusion.Guess;
import dev.loupe.eval.confusion.DetectionConfusion.Truth;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The confusion matrix on cases worked out by hand (two classes, index 2 = background). */
class DetectionConfusionTest {
    static final Box A = new Box(0, 0, 10, 10);
    static final Box A_SHIFTED = new Box(2, 0, 10, 10);   // IoU with A: 80/120 = 0.667
    static final Box FAR = new Box(50, 50, 10, 10);

    @Test
    void rightWrongMissedAndSpurious() {
        DetectionConfusion.Matrix m = DetectionConfusion.builder(2, 0.5, 0.0)
                .image(List.of(new Truth(1, 0, A, false), new Truth(2, 1, FAR, false)),
                        List.of(new Guess(10, 1, A_SHIFTED, 0.9),      // class 0 object taken for class 1
                                new Guess(11, 0, new Box(100, 100, 5, 5), 0.8)))  // nothing there
                .image(List.of(new Truth(3, 1, A, false)), List.of(new Guess(12, 1, A, 0.7)))
                .build();
        assertThat(m.counts()).isDeepEqualTo(new long[][] {{0, 1, 0}, {0, 1, 1}, {1, 0, 0}});
        assertThat(m.guessIds().get(0).get(1)).containsExactly(10L);
        assertThat(m.truthIds().get(1).get(2)).containsExactly(2L);   // the far object, missed
        assertThat(m.guessIds().get(2).get(0)).containsExactly(11L);  // spurious
        assertThat(m.truthIds().get(1).get(1)).containsExactly(3L);
    }

    @Test
    void theHigherScoreTakesTheObjectAndTheLowerIsBackground() {
        DetectionConfusion.Matrix m = DetectionConfusion.builder(2, 0.5, 0.0)
                .image(List.of(new Truth(1, 0, A, false)),
                        List.of(new Guess(10, 0, A, 0.6), new Guess(11, 1, A_SHIFTED, 0.9)))
                .build();
        // 11 (class 1, higher score) takes the class-0 object; 10 finds nothing left: background
        assertThat(m.counts()).isDeepEqualTo(new long[][] {{0, 1, 0}, {0, 0, 0}, {1, 0, 0}});
    }

    @Test
    void belowTheThresholdsNothingMatchesAndCrowdRegionsAreIgnored() {
        DetectionConfusion.Matrix strict = DetectionConfusion.builder(2, 0.7, 0.0)
                .image(List.of(new Truth(1, 0, A, false)), List.of(new Guess(10, 0, A_SHIFTED, 0.9))).build();
        assertThat(strict.counts()).isDeepEqualTo(new long[][] {{0, 0, 1}, {0, 0, 0}, {1, 0, 0}});
        DetectionConfusion.Matrix scored = DetectionConfusion.builder(2, 0.5, 0.95)
                .image(List.of(new Truth(1, 0, A, false)), List.of(new Guess(10, 0, A, 0.9))).build();
        assertThat(scored.counts()).isDeepEqualTo(new long[][] {{0, 0, 1}, {0, 0, 0}, {0, 0, 0}});
        DetectionConfusion.Matrix crowd = DetectionConfusion.builder(2, 0.5, 0.0)
                .image(List.of(new Truth(1, 0, A, true)), List.of(new Guess(10, 1, A, 0.9), new Guess(11, 1, A, 0.8))).build();
        assertThat(crowd.counts()).isDeepEqualTo(new long[3][3]);
    }

    @Test
    void classIndicesAreChecked() {
        assertThatThrownBy(() -> DetectionConfusion.builder(2, 0.5, 0).image(List.of(), List.of(new Guess(1, 2, A, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class index 2");
    }
}
