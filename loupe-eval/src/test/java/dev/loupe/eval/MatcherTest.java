package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.geometry.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The greedy matching rules of pycocotools' evaluateImg, one image and class at a time. */
class MatcherTest {
    private static final EvalParams BBOX = EvalParams.defaults(IouType.BBOX);
    private static final int ALL = 0;
    private static final int SMALL = 1;

    private static GroundTruth gt(long id, double x, double y, double w, double h) {
        return GroundTruth.ofBox(id, 1, 1, new Box(x, y, w, h));
    }

    private static Detection dt(long id, double score, double x, double y, double w, double h) {
        return Detection.ofBox(id, 1, 1, new Box(x, y, w, h), score);
    }

    @Test
    void eachDetectionTakesTheBestFreeGroundTruthInScoreOrder() {
        List<GroundTruth> gts = List.of(gt(11, 0, 0, 10, 7), gt(12, 0, 0, 10, 9));
        // Listed low score first: matching still goes by score.
        List<Detection> dts = List.of(dt(2, .5, 0, 0, 10, 8), dt(1, .9, 0, 0, 10, 10));
        ImageEval e = new Matcher(BBOX).match(gts, dts)[ALL];
        assertThat(e.dtIds()).containsExactly(1, 2);
        // dt 1: IoU .7 with gt 11, .9 with gt 12 -> 12. dt 2: gt 12 is taken -> 11 (IoU .875).
        assertThat(e.dtMatchRow(0)).containsExactly(12, 11);
        assertThat(e.gtMatchRow(0)).containsExactly(2, 1);
        // At IoU 0.9 only dt 1 matches (IoU 0.9 >= 0.9 by the same arithmetic).
        assertThat(e.dtMatchRow(8)).containsExactly(12, 0);
    }

    @Test
    void regularMatchIsKeptOverALaterCrowdRegion() {
        GroundTruth crowd = new GroundTruth(11, 1, 1, new Box(0, 0, 100, 100), null, 10000, true);
        GroundTruth object = gt(12, 0, 0, 10, 10);
        // IoU .6 with the object, 60/60 = 1 with the crowd region (listed first, sorted last).
        ImageEval e = new Matcher(BBOX).match(List.of(crowd, object), List.of(dt(1, .9, 0, 0, 10, 6)))[ALL];
        assertThat(e.gtIds()).containsExactly(12, 11);
        assertThat(e.gtIgnore()).containsExactly(false, true);
        for (int t = 0; t <= 2; t++) { // .50 .55 .60: the object
            assertThat(e.dtMatch(t, 0)).isEqualTo(12);
            assertThat(e.dtIgnored(t, 0)).isFalse();
        }
        for (int t = 3; t < 10; t++) { // above .6: absorbed by the crowd, ignored
            assertThat(e.dtMatch(t, 0)).isEqualTo(11);
            assertThat(e.dtIgnored(t, 0)).isTrue();
        }
    }

    @Test
    void unmatchedDetectionsOutsideTheAreaRangeAreIgnored() {
        List<GroundTruth> gts = List.of(gt(11, 0, 0, 20, 20)); // 400: small
        List<Detection> dts = List.of(dt(1, .9, 0, 0, 20, 22), // 440, matches the small object
                dt(2, .8, 50, 50, 40, 40), // 1600 > 32^2, unmatched
                dt(3, .7, 50, 0, 10, 10)); // 100, unmatched
        ImageEval[] e = new Matcher(BBOX).match(gts, dts);
        assertThat(e[ALL].dtIgnoreRow(0)).containsExactly(false, false, false);
        assertThat(e[SMALL].dtIgnoreRow(0)).containsExactly(false, true, false);
        // medium: the object is out of range, so its match is ignored too.
        assertThat(e[2].gtIgnore()).containsExactly(true);
        assertThat(e[2].dtIgnoreRow(0)).containsExactly(true, false, true);
    }

    @Test
    void cellWithNothingIsNullAndDetectionsAreCutToTheLimit() {
        assertThat(new Matcher(BBOX).match(List.of(), List.of())).isNull();
        EvalParams two = BBOX.withMaxDets(List.of(1, 2, 2));
        ImageEval e = new Matcher(two).match(List.of(),
                List.of(dt(1, .1, 0, 0, 5, 5), dt(2, .3, 0, 0, 5, 5), dt(3, .2, 0, 0, 5, 5)))[ALL];
        assertThat(e.dtIds()).containsExactly(2, 3);
        assertThat(e.dtScores()).containsExactly(.3, .2);
    }

    @Test
    void flagsFromReusedWorkArraysEqualThoseOfTheFullMatch() {
        // One Matcher over cells of every size, larger and smaller in turn, so that stale entries of
        // its reused arrays would show; crowd regions and every area range included.
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        Matcher reused = new Matcher(BBOX);
        for (int cell = 0; cell < 400; cell++) {
            List<GroundTruth> gts = new java.util.ArrayList<>();
            List<Detection> dts = new java.util.ArrayList<>();
            int nG = random.nextInt(cell % 2 == 0 ? 12 : 3);
            int nD = random.nextInt(cell % 3 == 0 ? 30 : 4);
            for (int g = 0; g < nG; g++) {
                Box b = new Box(random.nextDouble() * 80, random.nextDouble() * 80, 4 + random.nextDouble() * 120,
                        4 + random.nextDouble() * 120);
                gts.add(new GroundTruth(100 + g, 1, 1, b, null, b.area(), random.nextInt(6) == 0));
            }
            for (int d = 0; d < nD; d++) {
                Box near = nG > 0 && random.nextBoolean() ? gts.get(random.nextInt(nG)).box() : new Box(50, 50, 30, 30);
                dts.add(dt(1 + d, random.nextDouble(), near.x() + random.nextDouble() * 6, near.y(), near.w(),
                        near.h() * (0.8 + random.nextDouble() * 0.4)));
            }
            ImageEval[] full = new Matcher(BBOX).match(gts, dts);
            MatchFlags[] flags = reused.matchFlags(gts, dts);
            if (full == null) {
                assertThat(flags).isNull();
                continue;
            }
            for (int a = 0; a < full.length; a++) {
                MatchFlags expected = MatchFlags.of(full[a]);
                assertThat(flags[a].flags()).as("cell %d range %d", cell, a).containsExactly(expected.flags());
                assertThat(flags[a].scores()).containsExactly(expected.scores());
                assertThat(flags[a].regularGroundTruths()).isEqualTo(expected.regularGroundTruths());
            }
        }
    }
}
