package dev.loupe.eval.voc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.geometry.Box;
import dev.loupe.eval.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VOC AP on small cases computed by hand (tolerance 1e-12). */
class VocEvaluatorTest {
    private static final double EPS = 1e-12;

    private static VocGroundTruth gt(long id, long image, int cls, double x, double y, double w, double h,
                                     boolean difficult) {
        return new VocGroundTruth(id, image, cls, new Box(x, y, w, h), difficult);
    }

    private static Detection dt(long id, long image, int cls, double score, double x, double y, double w, double h) {
        return Detection.ofBox(id, image, cls, new Box(x, y, w, h), score);
    }

    /*
     * Class 1: positives g1, g2 (image 1), g3 (image 2); g4 is difficult.
     * d1 .9 = g1 (IoU 1): TP              R 1/3 P 1
     * d2 .8 overlaps g1 (IoU 90/110): FP (duplicate; VOC does not fall back)  R 1/3 P 1/2
     * d3 .7 = g4 (difficult): ignored
     * d4 .6 half of g3 (IoU exactly 0.5 >= 0.5): TP   R 2/3 P 2/3
     * d5 .5 on image 3 without objects: FP            R 2/3 P 1/2
     * all-point: 1/3 * 1 + 1/3 * 2/3 = 5/9; 11-point: (4 * 1 + 3 * 2/3) / 11 = 6/11.
     * Class 2: detections only -> AP NaN, not in the mAP. Class 3: one object, no detection -> AP 0.
     */
    private static final List<VocGroundTruth> GTS = List.of(
            gt(1, 1, 1, 0, 0, 10, 10, false), gt(2, 1, 1, 20, 0, 10, 10, false),
            gt(3, 2, 1, 0, 0, 10, 10, false), gt(4, 2, 1, 50, 50, 10, 10, true),
            gt(5, 1, 3, 0, 0, 10, 10, false));
    private static final List<Detection> DTS = List.of(
            dt(4, 2, 1, .6, 0, 0, 10, 5), dt(1, 1, 1, .9, 0, 0, 10, 10), dt(2, 1, 1, .8, 1, 0, 10, 10),
            dt(3, 2, 1, .7, 50, 50, 10, 10), dt(5, 3, 1, .5, 0, 0, 5, 5), dt(6, 1, 2, .9, 0, 0, 10, 10));

    @Test
    void allPointApFollowsTheDevkitMatchingRules() {
        VocResult r = VocEvaluator.evaluate(GTS, DTS, VocParams.voc2012());
        assertThat(r.classes()).extracting(VocClassResult::categoryId).containsExactly(1, 2, 3);
        VocClassResult c1 = r.classes().get(0);
        assertThat(c1.positives()).isEqualTo(3);
        assertThat(c1.detections()).isEqualTo(5);
        assertThat(c1.truePositives()).isEqualTo(2);
        assertThat(c1.falsePositives()).isEqualTo(2);
        assertThat(c1.ignored()).isEqualTo(1);
        assertThat(c1.recall()).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 2 / 3.0, 2 / 3.0}, within(EPS));
        assertThat(c1.precision()).containsExactly(new double[] {1, .5, 2 / 3.0, .5}, within(EPS));
        assertThat(c1.ap()).isCloseTo(5 / 9.0, within(EPS));
        assertThat(r.classes().get(1).ap()).isNaN();
        assertThat(r.classes().get(1).falsePositives()).isEqualTo(1);
        assertThat(r.classes().get(2).ap()).isZero();
        assertThat(r.map()).isCloseTo((5 / 9.0 + 0) / 2, within(EPS));
    }

    @Test
    void elevenPointApTakesTheBestPrecisionAtOrAboveEachRecallPoint() {
        VocResult r = VocEvaluator.evaluate(GTS, DTS, VocParams.voc2007());
        assertThat(r.classes().get(0).ap()).isCloseTo(6 / 11.0, within(EPS));
        assertThat(r.map()).isCloseTo(3 / 11.0, within(EPS));
    }

    @Test
    void pixelInclusiveConventionAddsOneToEverySide() {
        // (0,0,2,2) vs (1,0,2,2): continuous IoU 2 / 6 = 1/3; inclusive (2 * 3) / (9 + 9 - 6) = 0.5.
        List<VocGroundTruth> gts = List.of(gt(1, 1, 1, 0, 0, 2, 2, false));
        List<Detection> dts = List.of(dt(1, 1, 1, .9, 1, 0, 2, 2));
        assertThat(VocEvaluator.iou(new Box(0, 0, 2, 2), new Box(1, 0, 2, 2), 0)).isCloseTo(1 / 3.0, within(EPS));
        assertThat(VocEvaluator.iou(new Box(0, 0, 2, 2), new Box(1, 0, 2, 2), 1)).isCloseTo(.5, within(EPS));
        assertThat(VocEvaluator.evaluate(gts, dts, VocParams.voc2012()).map()).isZero();
        assertThat(VocEvaluator.evaluate(gts, dts, new VocParams(.5, VocApMethod.ALL_POINT, true)).map())
                .isCloseTo(1, within(EPS));
    }

    @Test
    void equalScoresKeepTheirInputOrder() {
        // Both detections hit the one object; the first listed takes it, the second is a duplicate.
        List<VocGroundTruth> gts = List.of(gt(1, 1, 1, 0, 0, 10, 10, false), gt(2, 2, 1, 0, 0, 10, 10, false));
        List<Detection> dts = List.of(dt(1, 1, 1, .5, 0, 0, 10, 10), dt(2, 1, 1, .5, 0, 0, 10, 10),
                dt(3, 2, 1, .5, 0, 0, 10, 10));
        VocClassResult c = VocEvaluator.evaluate(gts, dts, VocParams.voc2012()).classes().get(0);
        assertThat(c.precision()).containsExactly(new double[] {1, .5, 2 / 3.0}, within(EPS));
        // envelope: 1 up to recall 1/2, then 2/3 up to recall 1 -> 1/2 + 1/2 * 2/3 = 5/6
        assertThat(c.ap()).isCloseTo(5 / 6.0, within(EPS));
    }
}
