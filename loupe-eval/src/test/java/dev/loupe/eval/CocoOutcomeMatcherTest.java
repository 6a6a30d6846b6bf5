package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.outcome.GroundTruthOverlap;
import dev.loupe.core.outcome.ImageOutcome;
import dev.loupe.core.outcome.Match;
import dev.loupe.core.outcome.PredictionOverlap;
import dev.loupe.core.outcome.Thresholds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-item outcomes on hand-made boxes, and against COCOeval's own recall on the reference data. */
class CocoOutcomeMatcherTest {
    private static final ImageRecord IMAGE = Fixtures.image(1);

    private static Annotation gt(long id, int cls, double x, double y, double w, double h, boolean crowd) {
        return new Annotation(id, 1, cls, new Geometry.BoxShape(new Box(x, y, w, h)), crowd, null, null, null, null);
    }

    private static Prediction dt(long id, int cls, double score, double x, double y, double w, double h) {
        return new Prediction(id, 1, cls, new Geometry.BoxShape(new Box(x, y, w, h)), score, w * h, null);
    }

    @Test
    void thresholdGridIsPycocotoolsBitForBitFromHalfOn() {
        List<Double> coco = EvalParams.defaults(IouType.BBOX).iouThresholds();
        for (int i = 10; i <= 19; i++) {
            assertThat(Thresholds.value(i)).isEqualTo(coco.get(i - 10));
            assertThat(Thresholds.index(coco.get(i - 10))).isEqualTo(i);
        }
        assertThat(Thresholds.value(1)).isEqualTo(0.05);
        assertThat(Thresholds.index(0.3)).isEqualTo(6);
    }

    @Test
    void matchesAtEveryThresholdAndOverlapsByHand() {
        List<Annotation> gts = List.of(
                gt(1, 1, 0, 0, 10, 10, false),
                gt(2, 1, 50, 50, 20, 20, false),
                gt(3, 2, 80, 0, 10, 10, false),
                gt(4, 1, 0, 60, 30, 30, true));
        List<Prediction> dts = List.of(
                dt(11, 1, .9, 0, 0, 10, 10),    // TP on 1 at every threshold
                dt(12, 1, .8, 0, 0, 10, 10),    // duplicate of 1
                dt(13, 1, .7, 50, 50, 20, 10),  // IoU 200/400 = 0.5 with 2: TP up to 0.50, then localisation
                dt(14, 1, .6, 80, 0, 10, 10),   // on the class-2 object: wrong class
                dt(15, 2, .5, 30, 30, 5, 5),    // on nothing: background
                dt(16, 1, .4, 0, 60, 15, 15));  // inside the crowd region: crowd IoU 225/225 = 1, ignored
        ImageOutcome o = new CocoOutcomeMatcher(IouType.BBOX).match(IMAGE, gts, dts);
        Map<Long, Set<Integer>> matchedAt = new HashMap<>();
        for (Match m : o.matches()) {
            matchedAt.computeIfAbsent(m.predictionId(), k -> new HashSet<>()).add(m.tIndex());
            long expectedGt = m.predictionId() == 11 ? 1 : m.predictionId() == 13 ? 2 : 4;
            assertThat(m.annotationId()).isEqualTo(expectedGt);
            assertThat(m.crowd()).isEqualTo(m.predictionId() == 16);
            assertThat(m.iou()).isEqualTo(m.predictionId() == 13 ? 0.5 : 1.0);
        }
        assertThat(matchedAt.keySet()).containsExactlyInAnyOrder(11L, 13L, 16L);
        assertThat(matchedAt.get(11L)).hasSize(19);
        assertThat(matchedAt.get(16L)).hasSize(19);
        assertThat(matchedAt.get(13L)).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(o.predictions()).containsExactly(
                new PredictionOverlap(11, 1, 1L, 0, null),
                new PredictionOverlap(12, 1, 1L, 0, null),
                new PredictionOverlap(13, 0.5, 2L, 0, null),
                new PredictionOverlap(14, 0, null, 1, 3L),
                new PredictionOverlap(15, 0, null, 0, null),
                new PredictionOverlap(16, 0, null, 0, null));
        assertThat(o.groundTruths()).containsExactly(
                new GroundTruthOverlap(1, 1, 11L),
                new GroundTruthOverlap(2, 0.5, 13L),
                new GroundTruthOverlap(3, 0, null));
    }

    @Test
    void equalScoresKeepInputOrder() {
        List<Annotation> gts = List.of(gt(1, 1, 10, 10, 20, 20, false));
        ImageOutcome o = new CocoOutcomeMatcher(IouType.BBOX).match(IMAGE, gts,
                List.of(dt(7, 1, .5, 10, 10, 20, 20), dt(5, 1, .5, 10, 10, 20, 20)));
        assertThat(o.matches()).extracting(Match::predictionId).containsOnly(7L);
        ImageOutcome none = new CocoOutcomeMatcher(IouType.BBOX).match(IMAGE, gts, List.of());
        assertThat(none.matches()).isEmpty();
        assertThat(none.groundTruths()).containsExactly(new GroundTruthOverlap(1, 0, null));
    }

    @Test
    void recallFromStoredMatchesEqualsCocoevalsOnTheReferenceData(@TempDir Path empty) throws Exception {
        CocoReference ref = new CocoReference(empty);
        List<GroundTruth> gts = ref.groundTruths(IouType.BBOX);
        List<Detection> dts = ref.detections(CocoReference.BBOX_RESULTS, IouType.BBOX);
        EvalResult coco = new CocoEvaluator().evaluate(ref.images, ref.categories, gts, dts, EvalParams.defaults(IouType.BBOX));

        Map<Long, List<Annotation>> gtByImage = new HashMap<>();
        ref.annotations.stream().filter(a -> a.categoryId() != null)
                .forEach(a -> gtByImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a));
        Map<Long, List<Prediction>> dtByImage = new HashMap<>();
        for (Detection d : dts) {
            dtByImage.computeIfAbsent(d.imageId(), k -> new ArrayList<>()).add(new Prediction(d.id(), d.imageId(),
                    d.categoryId(), new Geometry.BoxShape(d.box()), d.score(), d.area(), null));
        }
        CocoOutcomeMatcher matcher = new CocoOutcomeMatcher(IouType.BBOX);
        Map<Long, Integer> gtClass = new HashMap<>();
        Map<Integer, Integer> regularGts = new HashMap<>();
        gts.stream().filter(g -> !g.crowd()).forEach(g -> {
            gtClass.put(g.id(), g.categoryId());
            regularGts.merge(g.categoryId(), 1, Integer::sum);
        });
        int[][] matched = new int[20][ref.categories.size()];
        for (ImageRecord im : ref.images) {
            ImageOutcome o = matcher.match(im, gtByImage.getOrDefault(im.id(), List.of()),
                    dtByImage.getOrDefault(im.id(), List.of()));
            for (Match m : o.matches()) {
                if (!m.crowd()) {
                    matched[m.tIndex()][ref.categories.indexOf(category(ref, gtClass.get(m.annotationId())))]++;
                }
            }
        }
        int compared = 0;
        for (int t = 0; t < 10; t++) {
            for (int k = 0; k < ref.categories.size(); k++) {
                double cocoRecall = coco.accumulation().recall(t, k, 0, 2);
                int n = regularGts.getOrDefault(ref.categories.get(k).id(), 0);
                if (n == 0) {
                    assertThat(cocoRecall).isEqualTo(-1);
                    continue;
                }
                assertThat((double) matched[t + 10][k] / n).as("class %s at t %d", ref.categories.get(k).name(), t)
                        .isEqualTo(cocoRecall);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    private static Category category(CocoReference ref, int id) {
        return ref.categories.stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }
}
