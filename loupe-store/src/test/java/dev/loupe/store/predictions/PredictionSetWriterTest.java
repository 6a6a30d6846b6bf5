package dev.loupe.store.predictions;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.core.outcome.GroundTruthOverlap;
import dev.loupe.core.outcome.ImageOutcome;
import dev.loupe.core.outcome.Match;
import dev.loupe.core.outcome.OutcomeMatcher;
import dev.loupe.core.outcome.PredictionOverlap;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Prediction sets: atomic replace, a failed import leaves the old set, and outcome counts at a
 * threshold are queries over stored matches (a scripted matcher stands in for COCO matching, which
 * loupe-eval tests).
 */
public class PredictionSetWriterTest {
    @TempDir
    Path tmp;
    Path project;

    @BeforeEach
    void createProject() {
        project = tmp.resolve("p");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "a", null, null));
            sink.category(new Category(2, "b", null, null));
            sink.image(new ImageRecord(1, "1.jpg", 100, 100, "jpeg", null, 10, null));
            sink.image(new ImageRecord(2, "2.jpg", 100, 100, "jpeg", null, 10, null));
            sink.annotation(Annotation.of(1, 1, 1, new Geometry.BoxShape(new Box(0, 0, 10, 10)), null));
            sink.annotation(Annotation.of(2, 1, 2, new Geometry.BoxShape(new Box(50, 50, 10, 10)), null));
            sink.annotation(Annotation.of(3, 2, 1, new Geometry.BoxShape(new Box(0, 0, 10, 10)), null));
            sink.annotation(new Annotation(4, 2, 1, new Geometry.BoxShape(new Box(50, 50, 40, 40)), true, null, null, null, null));
            sink.annotation(Annotation.of(5, 2, 2, new Geometry.ImageLabel(), null));
        });
    }

    /** Matches prediction n of image 1 to annotation 1 up to threshold index 10 - n + 1, and scripts overlaps. */
    public static final class ScriptedMatcher implements OutcomeMatcher {
        @Override
        public ImageOutcome match(ImageRecord image, List<Annotation> gts, List<Prediction> preds) {
            List<Match> matches = new ArrayList<>();
            List<PredictionOverlap> overlaps = new ArrayList<>();
            for (Prediction p : preds) {
                if (p.score() == 0.9) {       // TP on annotation 1 at t <= 0.50, localisation above
                    for (int t = 1; t <= 10; t++) {
                        matches.add(new Match(t, p.id(), 1, 0.5, false));
                    }
                    overlaps.add(new PredictionOverlap(p.id(), 0.5, 1L, 0, null));
                } else if (p.score() == 0.8) { // duplicate of annotation 1
                    overlaps.add(new PredictionOverlap(p.id(), 0.9, 1L, 0, null));
                } else if (p.score() == 0.7) { // on the class-b object
                    overlaps.add(new PredictionOverlap(p.id(), 0, null, 0.6, 2L));
                } else if (p.score() == 0.6) { // in the crowd region of image 2
                    for (int t = 1; t <= 19; t++) {
                        matches.add(new Match(t, p.id(), 4, 1, true));
                    }
                    overlaps.add(new PredictionOverlap(p.id(), 0, null, 0, null));
                } else {
                    overlaps.add(new PredictionOverlap(p.id(), 0.05, 1L, 0.05, 2L));
                }
            }
            List<GroundTruthOverlap> g = gts.stream().filter(a -> !a.crowd() && a.geometry().box() != null)
                    .map(a -> new GroundTruthOverlap(a.id(), 0, null)).toList();
            return new ImageOutcome(matches, overlaps, g);
        }

        @Override
        public String iouType() {
            return "bbox";
        }
    }

    private static Prediction p(long id, long image, int cls, double score) {
        return new Prediction(id, image, cls, new Geometry.BoxShape(new Box(1, 1, 5, 5)), score, 25.0, null);
    }

    private static BiConsumer<Long, PredictionSink> five() {
        return (first, sink) -> {
            sink.prediction(p(first, 1, 1, 0.9));
            sink.prediction(p(first + 1, 1, 1, 0.8));
            sink.prediction(p(first + 2, 1, 1, 0.7));
            sink.prediction(p(first + 3, 2, 1, 0.6));
            sink.prediction(p(first + 4, 2, 2, 0.1));
            sink.issue(new Issue(IssueKind.UNKNOWN_IMAGE, "prediction", null, "r.json", "/5", "unknown image 99"));
        };
    }

    @Test
    void countsAtAThresholdComeFromStoredMatchesWithTheReasonOfEachFalsePositive() {
        try (ProjectStore store = ProjectStore.open(project)) {
            PredictionImportResult r = store.predictions().importSet("m", "coco", "r.json", Map.of(), five(), new ScriptedMatcher());
            assertThat(r.predictions()).isEqualTo(5);
            assertThat(r.issues()).isEqualTo(Map.of("unknown_image", 1L));
            assertThat(r.replaced()).isFalse();
            OutcomeCounts at50 = store.predictions().outcomeCounts(r.setId(), 10);
            assertThat(at50.truePositives()).isEqualTo(1);
            assertThat(at50.ignored()).isEqualTo(1);
            assertThat(at50.falsePositives()).isEqualTo(3);
            // evaluated ground truths: 1, 2, 3 (4 is crowd, 5 an image label); 1 is matched
            assertThat(at50.falseNegatives()).isEqualTo(2);
            assertThat(at50.fpReasons()).isEqualTo(Map.of("duplicate", 1L, "wrong_class", 1L, "localisation", 0L,
                    "background", 1L));
            OutcomeCounts at55 = store.predictions().outcomeCounts(r.setId(), 11);
            assertThat(at55.truePositives()).isZero();
            assertThat(at55.falseNegatives()).isEqualTo(3);
            assertThat(at55.fpReasons()).isEqualTo(Map.of("duplicate", 1L, "wrong_class", 1L, "localisation", 1L,
                    "background", 1L));
            assertThat(at50.perClass()).extracting(OutcomeCounts.ClassCounts::name).containsExactly("a", "b");
            assertThat(at50.perClass().get(0).truePositives()).isEqualTo(1);
            assertThat(at50.perClass().get(1).falseNegatives()).isEqualTo(1);
            // dataset issues in info are not mixed with the prediction import's
            assertThat(store.labels().summary().issues().total()).isZero();
        }
    }

    @Test
    void reimportReplacesAtomicallyAndAFailedImportLeavesTheOldSet() {
        try (ProjectStore store = ProjectStore.open(project)) {
            store.predictions().importSet("m", "coco", "r.json", Map.of(), five(), new ScriptedMatcher());
            store.predictions().importSet("other", "coco", "o.json", Map.of(), five(), new ScriptedMatcher());
            assertThatThrownBy(() -> store.predictions().importSet("m", "coco", "bad.json", Map.of(), (first, sink) -> {
                sink.prediction(p(first, 1, 1, 0.9));
                throw LoupeException.badInput("bad.json: disk full halfway");
            }, new ScriptedMatcher())).hasMessageContaining("disk full halfway");
            PredictionSetInfo m = store.predictions().set("m");
            assertThat(m.predictions()).isEqualTo(5);
            assertThat(m.source()).isEqualTo("r.json");
            assertThat(store.predictions().outcomeCounts(m.id(), 10).truePositives()).isEqualTo(1);

            PredictionImportResult again = store.predictions().importSet("m", "coco", "r2.json", Map.of(), (first, sink) -> {
                sink.prediction(p(first, 1, 1, 0.8));
                sink.prediction(p(first + 1, 1, 1, 0.3));
            }, new ScriptedMatcher());
            assertThat(again.replaced()).isTrue();
            assertThat(store.predictions().sets()).extracting(PredictionSetInfo::name).containsExactly("other", "m");
            PredictionSetInfo replaced = store.predictions().set("m");
            assertThat(replaced.predictions()).isEqualTo(2);
            OutcomeCounts counts = store.predictions().outcomeCounts(replaced.id(), 10);
            assertThat(counts.truePositives() + counts.falsePositives() + counts.ignored()).isEqualTo(2);
            assertThat(counts.truePositives()).isZero();
            assertThat(store.predictions().outcomeCounts(store.predictions().set("other").id(), 10).truePositives()).isEqualTo(1);
            List<Prediction> all = new ArrayList<>();
            store.predictions().forEach(replaced.id(), all::add);
            assertThat(all).extracting(Prediction::score).containsExactly(0.8, 0.3);
            assertThatThrownBy(() -> store.predictions().set("nope")).hasMessageContaining("no prediction set named \"nope\"")
                    .hasMessageContaining("[other, m]");
        }
    }

    @Test
    void everyGeometryReadsBackAsWrittenAndThePartsOfASetLeaveOutOnlyTheSourceIds() {
        Polygon triangle = new Polygon(List.of(new Ring(new double[] {0, 0, 10, 0, 5, 8.5}, false)));
        List<Prediction> written = List.of(
                new Prediction(1, 1, 1, new Geometry.BoxShape(new Box(1, 2, 3, 4)), 0.9, null, "det-7"),
                new Prediction(2, 1, 2, new Geometry.PolygonShape(triangle.bounds(), triangle), 0.5, 42.5, "det-8"),
                new Prediction(3, 2, 1, new Geometry.MaskShape(new Box(0, 1, 2, 2), new Rle(4, 3, new int[] {1, 2, 3, 6})), 0.25,
                        4.0, null));
        try (ProjectStore store = ProjectStore.open(project)) {
            int id = store.predictions().importSet("g", "coco", "g.json", Map.of(), (first, sink) -> written.forEach(p ->
                    sink.prediction(new Prediction(first + p.id() - 1, p.imageId(), p.categoryId(), p.geometry(), p.score(), p.area(),
                            p.sourceId()))), new ScriptedMatcher()).setId();
            List<Prediction> whole = new ArrayList<>();
            store.predictions().forEach(id, whole::add);
            assertThat(whole).extracting(Prediction::geometry, Prediction::score, Prediction::area, Prediction::sourceId)
                    .containsExactlyElementsOf(written.stream().map(p -> tuple(p.geometry(), p.score(), p.area(), p.sourceId())).toList());
            List<Prediction> parts = new ArrayList<>();
            store.predictions().forEach(id, 0, 2, parts::add);
            store.predictions().forEach(id, 1, 2, parts::add);
            assertThat(parts).containsExactlyElementsOf(whole.stream().map(p -> new Prediction(p.id(), p.imageId(), p.categoryId(),
                    p.geometry(), p.score(), p.area(), null)).toList());
        }
    }

    @Test
    void partsOfASetInOrderAreTheWholeSetEachRowOnce() {
        try (ProjectStore store = ProjectStore.open(project)) {
            store.predictions().importSet("other", "coco", "o.json", Map.of(), five(), new ScriptedMatcher());
            store.predictions().importSet("m", "coco", "r.json", Map.of(), five(), new ScriptedMatcher());
            int id = store.predictions().set("m").id();
            List<Long> whole = new ArrayList<>();
            store.predictions().forEach(id, p -> whole.add(p.id()));
            assertThat(whole).hasSize(5);
            for (int parts = 1; parts <= 7; parts++) {
                List<Long> joined = new ArrayList<>();
                for (int part = 0; part < parts; part++) {
                    store.predictions().forEach(id, part, parts, p -> joined.add(p.id()));
                }
                assertThat(joined).as("%d parts", parts).isEqualTo(whole);
            }
            List<Long> second = new ArrayList<>();
            store.predictions().forEach(id, 1, 2, p -> second.add(p.id()));
            assertThat(second).as("the second half of 5 ids").containsExactlyElementsOf(whole.subList(2, 5));
            store.predictions().importSet("empty", "coco", "e.json", Map.of(), (first, sink) -> { }, new ScriptedMatcher());
            List<Prediction> none = new ArrayList<>();
            store.predictions().forEach(store.predictions().set("empty").id(), 0, 2, none::add);
            assertThat(none).isEmpty();
            assertThatThrownBy(() -> store.predictions().forEach(id, 2, 2, p -> { })).hasMessageContaining("part 2 of 2");
        }
    }
}
