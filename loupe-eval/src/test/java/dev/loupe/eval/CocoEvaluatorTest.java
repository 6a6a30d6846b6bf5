package dev.loupe.eval;

import static dev.loupe.eval.Fixtures.A;
import static dev.loupe.eval.Fixtures.B;
import static dev.loupe.eval.Fixtures.C;
import static dev.loupe.eval.Fixtures.images;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-made cases with known answers, each pinning one COCOeval rule. */
class CocoEvaluatorTest {
    private static final double EPS = 1e-12;

    @Test
    void perfectDetectionsGiveApAndArOfOne() {
        EvalResult r = new Fixtures().gt(1, A, 10, 10, 20, 20).dt(1, A, .9, 10, 10, 20, 20)
                .evaluate(images(1), List.of(A));
        Summary s = r.summary();
        assertThat(s.ap()).isCloseTo(1, within(EPS));
        assertThat(s.ap50()).isCloseTo(1, within(EPS));
        assertThat(s.ar1()).isCloseTo(1, within(EPS));
        // 20x20 = 400 < 32^2: the object is small, so medium and large have nothing to measure.
        assertThat(s.apSmall()).isCloseTo(1, within(EPS));
        assertThat(s.apMedium()).isEqualTo(-1);
        assertThat(s.arLarge()).isEqualTo(-1);
    }

    @Test
    void detectionInsideCrowdRegionIsIgnoredNotFalsePositive() {
        Fixtures f = new Fixtures().crowd(1, A, 0, 0, 50, 50).gt(1, A, 60, 60, 30, 30)
                .dt(1, A, .9, 10, 10, 20, 20) // only overlaps the crowd: IoU = 400/400 (area of dt)
                .dt(1, A, .8, 12, 12, 20, 20) // a crowd region may absorb several detections
                .dt(1, A, .5, 60, 60, 30, 30);
        EvalResult r = f.evaluate(images(1), List.of(A));
        assertThat(r.summary().ap()).isCloseTo(1, within(EPS));
        assertThat(r.summary().ar100()).isCloseTo(1, within(EPS));

        // The same region as a regular object: the first detection overlaps it by 400/2500 only.
        Fixtures plain = new Fixtures().gt(1, A, 0, 0, 50, 50).gt(1, A, 60, 60, 30, 30)
                .dt(1, A, .9, 10, 10, 20, 20).dt(1, A, .8, 12, 12, 20, 20).dt(1, A, .5, 60, 60, 30, 30);
        assertThat(plain.evaluate(images(1), List.of(A)).summary().ap()).isLessThan(.5);
    }

    @Test
    void emptyImageChangesNothing() {
        Fixtures f = new Fixtures().gt(1, A, 10, 10, 40, 40).dt(1, A, .9, 12, 10, 40, 40).dt(1, A, .3, 60, 60, 10, 10);
        Summary without = f.evaluate(images(1), List.of(A)).summary();
        EvalResult with = f.evaluate(images(1, 2), List.of(A));
        assertThat(with.summary()).isEqualTo(without);
        assertThat(with.images()).isEqualTo(2);
    }

    @Test
    void imageWithoutDetectionsCountsItsObjectsAsMissed() {
        EvalResult r = new Fixtures().gt(1, A, 10, 10, 40, 40).gt(2, A, 10, 10, 40, 40)
                .dt(1, A, .9, 10, 10, 40, 40).evaluate(images(1, 2), List.of(A));
        // Recall 1/2; precision 1 at the 51 recall points 0.00..0.50, 0 above.
        assertThat(r.summary().ar100()).isCloseTo(.5, within(EPS));
        assertThat(r.summary().ap()).isCloseTo(51.0 / 101, within(EPS));
    }

    @Test
    void detectionOnUnknownImageOrClassIsLeftOutAndCounted() {
        Fixtures f = new Fixtures().gt(1, A, 10, 10, 40, 40).dt(1, A, .5, 10, 10, 40, 40);
        Summary base = f.evaluate(images(1), List.of(A)).summary();
        f.dt(7, A, .9, 10, 10, 40, 40).dt(1, C, .9, 10, 10, 40, 40);
        EvalResult r = f.evaluate(images(1), List.of(A));
        assertThat(r.summary()).isEqualTo(base);
        assertThat(r.droppedDetections()).isEqualTo(2);
        assertThat(r.detections()).isEqualTo(1);
    }

    @Test
    void equalScoresAcrossImagesRankInImageOrder() {
        // One object, on image 2; a false positive on image 1 with the same score.
        Fixtures f = new Fixtures().gt(2, A, 10, 10, 40, 40).dt(1, A, .5, 10, 10, 40, 40).dt(2, A, .5, 10, 10, 40, 40);
        // Image 1 first: FP ranks before TP, precision 1/2 at every recall.
        assertThat(f.evaluate(images(1, 2), List.of(A)).summary().ap()).isCloseTo(.5, within(EPS));
        // Image 2 first: TP first.
        assertThat(f.evaluate(images(2, 1), List.of(A)).summary().ap()).isCloseTo(1, within(EPS));
    }

    @Test
    void equalScoresInOneImageRankInListOrder() {
        Fixtures fpFirst = new Fixtures().gt(1, A, 10, 10, 40, 40)
                .dt(1, A, .5, 60, 60, 30, 30).dt(1, A, .5, 10, 10, 40, 40);
        Fixtures tpFirst = new Fixtures().gt(1, A, 10, 10, 40, 40)
                .dt(1, A, .5, 10, 10, 40, 40).dt(1, A, .5, 60, 60, 30, 30);
        assertThat(fpFirst.evaluate(images(1), List.of(A)).summary().ap()).isCloseTo(.5, within(EPS));
        assertThat(tpFirst.evaluate(images(1), List.of(A)).summary().ap()).isCloseTo(1, within(EPS));
    }

    @Test
    void onlyTheTopMaxDetsDetectionsCount() {
        Fixtures f = new Fixtures().gt(1, A, 10, 10, 40, 40)
                .dt(1, A, .9, 60, 0, 10, 10).dt(1, A, .8, 60, 20, 10, 10).dt(1, A, .7, 60, 40, 10, 10)
                .dt(1, A, .1, 10, 10, 40, 40);
        Summary s = f.evaluate(images(1), List.of(A)).summary();
        assertThat(s.ar1()).isZero();
        assertThat(s.ar10()).isCloseTo(1, within(EPS));
        assertThat(s.ar100()).isCloseTo(1, within(EPS));

        // With at most 3 detections matched, the true positive (4th by score) is cut before matching.
        EvalParams three = EvalParams.defaults(IouType.BBOX).withMaxDets(List.of(3, 1, 2));
        EvalResult r = f.evaluate(images(1), List.of(A), three);
        assertThat(r.params().maxDets()).containsExactly(1, 2, 3);
        assertThat(r.summary().ar100()).isZero();
        assertThat(r.summary().ap()).as("no maxDets of 100, as pycocotools' AP line").isEqualTo(-1);
        assertThat(r.accumulation().recall(0, 0, 0, 2)).isZero();
    }

    @Test
    void aLimitThatCutsNothingMoreGivesTheCellsOfTheSmallerLimit() {
        // With at most 10 detections per image and class, the limits 10 and 100 concatenate the same
        // detections, and the evaluator copies the cells; with 12 on one image it must not. Either
        // way the 100-cells equal those computed from scratch beside a limit of 2 (which cuts).
        for (int busiest : new int[] {10, 12}) {
            Fixtures f = randomScene(busiest);
            EvalParams coco = EvalParams.defaults(IouType.BBOX);
            EvalParams cut = coco.withMaxDets(List.of(1, 2, 100));
            Accumulation copied = f.evaluate(images(1, 2, 3), List.of(A, B), coco).accumulation();
            Accumulation fresh = f.evaluate(images(1, 2, 3), List.of(A, B), cut).accumulation();
            for (int t = 0; t < 10; t++) {
                for (int k = 0; k < 2; k++) {
                    for (int a = 0; a < 4; a++) {
                        assertThat(copied.recall(t, k, a, 2)).as("recall t%d k%d a%d", t, k, a)
                                .isEqualTo(fresh.recall(t, k, a, 2));
                        for (int r = 0; r < 101; r++) {
                            assertThat(copied.precision(t, r, k, a, 2)).isEqualTo(fresh.precision(t, r, k, a, 2));
                            assertThat(copied.score(t, r, k, a, 2)).isEqualTo(fresh.score(t, r, k, a, 2));
                        }
                    }
                }
            }
            if (busiest > 10) { // the 11th and 12th detections count at 100, not at 10
                assertThat(copied.recall(0, 0, 0, 2)).isGreaterThan(copied.recall(0, 0, 0, 1));
            }
        }
    }

    /** Three images, classes A and B; image 1 has {@code busiest} detections of A, the 2 best boxes last. */
    private static Fixtures randomScene(int busiest) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(busiest);
        Fixtures f = new Fixtures();
        for (int i = 0; i < busiest; i++) {
            double x = 5 * i;
            f.gt(1, A, x, 10, 8, 8);
            boolean late = i >= busiest - 2;
            f.dt(1, A, late ? .01 + .001 * i : .5 + random.nextDouble() / 2, x + random.nextDouble(), 10, 8, 8);
        }
        for (long image = 2; image <= 3; image++) {
            for (int i = 0; i < 4; i++) {
                double x = random.nextDouble() * 60;
                double y = random.nextDouble() * 60;
                double w = 5 + random.nextDouble() * 35;
                f.gt(image, i % 2 == 0 ? A : B, x, y, w, w);
                f.dt(image, i % 3 == 0 ? A : B, random.nextDouble(), x + random.nextDouble() * 4, y, w, w);
            }
        }
        return f;
    }

    @Test
    void classWithoutDetectionsScoresZeroAndClassWithoutObjectsIsLeftOutOfTheMean() {
        Fixtures f = new Fixtures().gt(1, A, 10, 10, 40, 40).dt(1, A, .9, 10, 10, 40, 40)
                .gt(1, B, 50, 50, 40, 40)
                .dt(1, C, .8, 0, 0, 20, 20);
        EvalResult r = f.evaluate(images(1), List.of(A, B, C));
        assertThat(r.summary().ap()).isCloseTo(.5, within(EPS));
        assertThat(r.summary().ar100()).isCloseTo(.5, within(EPS));
        List<ClassMetrics> pc = r.perClass();
        assertThat(pc.get(0).ap()).isCloseTo(1, within(EPS));
        assertThat(pc).extracting(ClassMetrics::ar).containsExactly(1.0, 0.0, -1.0);
        assertThat(pc.get(1).ap()).isZero();
        assertThat(pc.get(2).ap()).isEqualTo(-1);
        assertThat(pc.get(0).ap50()).isCloseTo(1, within(EPS));
        for (int t = 0; t < 10; t++) {
            assertThat(r.accumulation().precision(t, 0, 2, 0, 2)).isEqualTo(-1);
            assertThat(r.accumulation().recall(t, 1, 0, 2)).isZero();
        }
        assertThat(r.prCurve(C.id(), .5).isEmpty()).isTrue();
        assertThat(r.prCurve(B.id(), .5).precision()).containsOnly(0.0).hasSize(101);
        PrCurve a = r.prCurve(A.id(), .75);
        // pycocotools divides by tp + fp + 2^-52, so one true positive out of one has precision 1 - 2^-52.
        assertThat(a.precision()).containsOnly(1 / (1 + Math.ulp(1.0))).containsOnly(1 - Math.ulp(1.0));
        assertThat(a.recall()[100]).isEqualTo(1.0);
    }

    @Test
    void prCurveFollowsTheInterpolatedPrecision() {
        // Ranks: TP, FP, TP over 2 objects: precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1.
        EvalResult r = new Fixtures().gt(1, A, 0, 0, 20, 20).gt(1, A, 50, 50, 20, 20)
                .dt(1, A, .9, 0, 0, 20, 20).dt(1, A, .8, 30, 0, 10, 10).dt(1, A, .7, 50, 50, 20, 20)
                .evaluate(images(1), List.of(A));
        PrCurve c = r.prCurve(A.id(), .5);
        double[] p = c.precision();
        assertThat(p[0]).isCloseTo(1, within(EPS));
        assertThat(p[50]).isCloseTo(1, within(EPS));
        assertThat(p[51]).isCloseTo(2.0 / 3, within(EPS));
        assertThat(p[100]).isCloseTo(2.0 / 3, within(EPS));
        assertThat(r.accumulation().score(0, 51, 0, 0, 2)).isEqualTo(.7);
        assertThatThrownBy(() -> r.prCurve(A.id(), .52)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.52");
    }

    @Test
    void classAgnosticMatchingIgnoresTheLabel() {
        Fixtures f = new Fixtures().gt(1, A, 10, 10, 40, 40).dt(1, B, .9, 10, 10, 40, 40);
        assertThat(f.evaluate(images(1), List.of(A, B)).summary().ap()).isZero();
        EvalResult agnostic = f.evaluate(images(1), List.of(A, B), EvalParams.defaults(IouType.BBOX)
                .withUseCategories(false));
        assertThat(agnostic.summary().ap()).isCloseTo(1, within(EPS));
        assertThat(agnostic.accumulation().classCount()).isEqualTo(1);
        assertThat(agnostic.perClass()).isEmpty();
    }

    @Test
    void segmentationNeedsMasks() {
        Fixtures f = new Fixtures().gt(1, A, 10, 10, 40, 40).dt(1, A, .9, 10, 10, 40, 40);
        assertThatThrownBy(() -> f.evaluate(images(1), List.of(A), EvalParams.defaults(IouType.SEGM)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no mask");
    }

    @Test
    void repeatedIdsAreRejected() {
        Fixtures f = new Fixtures();
        assertThatThrownBy(() -> f.evaluate(images(1, 1), List.of(A))).hasMessageContaining("image id 1");
        assertThatThrownBy(() -> f.evaluate(images(1), List.of(A, A))).hasMessageContaining("category id 1");
    }
}
