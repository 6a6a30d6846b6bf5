package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.OutcomeFilter;
import dev.loupe.store.predictions.OutcomeCounts;
import dev.loupe.store.predictions.PredictionSetWriterTest;
import dev.loupe.store.predictions.PredictionSetInfo;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Search by prediction outcome on a hand-counted project: five predictions whose outcomes the
 * scripted matcher of {@link PredictionSetWriterTest} fixes. At IoU 0.5: score 0.9 is TP (on
 * annotation 1), 0.8 a duplicate, 0.7 wrong class (image 1), 0.6 ignored (crowd) and 0.1 background
 * (image 2); ground truths 2 (image 1) and 3 (image 2) are missed. At 0.55 the TP becomes a
 * localisation error and annotation 1 is missed too. Every count is also checked against
 * {@link OutcomeQueries}' counts.
 */
class OutcomeSearchTest {
    @TempDir
    Path tmp;
    ProjectStore store;
    int set;

    @BeforeEach
    void createProject() {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "a", null, null));
            sink.category(new Category(2, "b", null, null));
            sink.image(new ImageRecord(1, "1.jpg", 100, 100, "jpeg", null, 10, null));
            sink.image(new ImageRecord(2, "2.jpg", 100, 100, "jpeg", null, 10, null));
            sink.image(new ImageRecord(3, "3.jpg", 100, 100, "jpeg", null, 10, null));
            sink.annotation(Annotation.of(1, 1, 1, new Geometry.BoxShape(new Box(0, 0, 10, 10)), null));
            sink.annotation(Annotation.of(2, 1, 2, new Geometry.BoxShape(new Box(50, 50, 10, 10)), null));
            sink.annotation(Annotation.of(3, 2, 1, new Geometry.BoxShape(new Box(0, 0, 10, 10)), null));
            sink.annotation(new Annotation(4, 2, 1, new Geometry.BoxShape(new Box(50, 50, 40, 40)), true, null, null, null, null));
            sink.annotation(Annotation.of(5, 2, 2, new Geometry.ImageLabel(), null));
        });
        store = ProjectStore.open(project);
        set = store.predictions().importSet("m", "coco", "r.json", Map.of(), (first, sink) -> {
            sink.prediction(p(first, 1, 1, 0.9));
            sink.prediction(p(first + 1, 1, 1, 0.8));
            sink.prediction(p(first + 2, 1, 1, 0.7));
            sink.prediction(p(first + 3, 2, 1, 0.6));
            sink.prediction(p(first + 4, 2, 2, 0.1));
        }, new PredictionSetWriterTest.ScriptedMatcher()).setId();
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    private static Prediction p(long id, long image, int cls, double score) {
        return new Prediction(id, image, cls, new Geometry.BoxShape(new Box(1, 1, 5, 5)), score, 25.0, null);
    }

    private ItemFilter filter(Scope scope, int tIndex, String... outcomes) {
        return ItemFilter.all(Scope.IMAGE).withOutcome(new OutcomeFilter("m", tIndex, List.of(outcomes)))
                .withScope(scope);
    }

    private SearchPage search(ItemFilter f, String sort) {
        return store.browse().search(new SearchRequest(f, sort, sort != null, 0, 100), List.of());
    }

    private List<Double> scores(SearchPage page) {
        return page.items().stream().map(h -> h.prediction().score()).toList();
    }

    @Test
    void predictionsFilterByOutcomeAndReasonAndAgreeWithTheCounts() {
        OutcomeCounts at50 = store.predictions().outcomeCounts(set, 10);
        SearchPage all = search(filter(Scope.PREDICTION, 10), SearchQuery.SCORE);
        assertThat(all.total()).isEqualTo(5);
        assertThat(scores(all)).containsExactly(0.9, 0.8, 0.7, 0.6, 0.1);
        assertThat(all.items()).extracting(h -> h.prediction().outcome())
                .containsExactly("tp", "duplicate", "wrong_class", "ignored", "background");
        assertThat(all.items().get(0).prediction().annotationId()).isEqualTo(1L);
        assertThat(all.items().get(0).category()).isEqualTo("a");

        SearchPage fp = search(filter(Scope.PREDICTION, 10, "fp"), SearchQuery.SCORE);
        assertThat(fp.total()).isEqualTo(3).isEqualTo(at50.falsePositives());
        assertThat(scores(fp)).containsExactly(0.8, 0.7, 0.1);
        assertThat(search(filter(Scope.PREDICTION, 10, "tp"), null).total()).isEqualTo(1).isEqualTo(at50.truePositives());
        for (String reason : OutcomeFilter.REASONS) {
            assertThat(search(filter(Scope.PREDICTION, 10, reason), null).total()).as(reason)
                    .isEqualTo(at50.fpReasons().get(reason));
        }
        // at 0.55 the TP is a localisation error
        OutcomeCounts at55 = store.predictions().outcomeCounts(set, 11);
        assertThat(search(filter(Scope.PREDICTION, 11, "fp"), null).total()).isEqualTo(4).isEqualTo(at55.falsePositives());
        assertThat(scores(search(filter(Scope.PREDICTION, 11, "localisation"), null))).containsExactly(0.9);
        // other conditions combine with AND
        ItemFilter classB = new ItemFilter(Scope.PREDICTION, List.of(), List.of("b"), List.of(), List.of(), List.of(),
                new OutcomeFilter("m", 10, List.of("fp")));
        assertThat(scores(search(classB, null))).containsExactly(0.1);
        store.tags().add("look", Scope.PREDICTION, List.of(all.items().get(1).id()));
        ItemFilter tagged = new ItemFilter(Scope.PREDICTION, List.of(), List.of(), List.of("look"), List.of(), List.of(),
                new OutcomeFilter("m", 10, List.of()));
        assertThat(scores(search(tagged, null))).containsExactly(0.8);
        // tag-all and CSV export work on predictions too
        assertThat(store.tags().addMatching("bg", filter(Scope.PREDICTION, 10, "background"), List.of())).isEqualTo(1);
        StringWriter csv = new StringWriter();
        assertThat(store.exports().csv(filter(Scope.PREDICTION, 10, "fp"), List.of(), csv)).isEqualTo(3);
        assertThat(csv.toString()).startsWith("prediction_id,image_id,path,split,class,score,outcome,fp_reason")
                .contains(",fp,duplicate,");
    }

    @Test
    void groundTruthsFilterByMatchedOrMissed() {
        assertThat(ids(search(filter(Scope.ANNOTATION, 10, "fn"), null))).containsExactly(2L, 3L);
        assertThat(store.predictions().outcomeCounts(set, 10).falseNegatives()).isEqualTo(2);
        assertThat(ids(search(filter(Scope.ANNOTATION, 10, "tp"), null))).containsExactly(1L);
        assertThat(ids(search(filter(Scope.ANNOTATION, 10, "tp", "fn"), null))).containsExactly(1L, 2L, 3L);
        assertThat(ids(search(filter(Scope.ANNOTATION, 11, "fn"), null))).containsExactly(1L, 2L, 3L);
        assertThat(store.predictions().outcomeCounts(set, 11).falseNegatives()).isEqualTo(3);
    }

    @Test
    void imagesFilterByAnyFalsePositiveOrMiss() {
        assertThat(ids(search(filter(Scope.IMAGE, 10, "fp"), null))).containsExactly(1L, 2L);
        assertThat(ids(search(filter(Scope.IMAGE, 10, "background"), null))).containsExactly(2L);
        assertThat(ids(search(filter(Scope.IMAGE, 10, "fn"), null))).containsExactly(1L, 2L);
        assertThat(ids(search(filter(Scope.IMAGE, 10, "tp"), null))).containsExactly(1L);
        assertThat(ids(search(filter(Scope.IMAGE, 11, "tp"), null))).isEmpty();
        // a hit carries its image's predictions and misses for drawing
        SearchPage page = search(filter(Scope.IMAGE, 10), null);
        assertThat(ids(page)).containsExactly(1L, 2L, 3L);
        SearchPage.Hit image1 = page.items().get(0);
        assertThat(image1.predictions()).extracting(PredictionShape::outcome).containsExactly("tp", "duplicate", "wrong_class");
        assertThat(image1.missed()).containsExactly(2L);
        assertThat(page.items().get(2).predictions()).isEmpty();
    }

    @Test
    void imageOutcomesListPredictionsAndMisses() {
        ImageOutcomes o = store.browse().imageOutcomes(2, "m", 10);
        assertThat(o.iou()).isEqualTo(0.5);
        assertThat(o.predictions()).extracting(PredictionShape::outcome).containsExactly("ignored", "background");
        assertThat(o.predictions().get(1).falsePositive()).isTrue();
        assertThat(o.predictions().get(1).shape().box()).containsExactly(1, 1, 5, 5);
        assertThat(o.missed()).containsExactly(3L);
    }

    @Test
    void unknownOutcomesAndSetsAreClearErrors() {
        assertThatThrownBy(() -> search(filter(Scope.PREDICTION, 10, "fn"), null))
                .hasMessageContaining("unknown prediction outcome 'fn'");
        assertThatThrownBy(() -> search(filter(Scope.ANNOTATION, 10, "duplicate"), null))
                .hasMessageContaining("unknown ground truth outcome 'duplicate'; known: tp, fn");
        assertThatThrownBy(() -> store.browse().search(new SearchRequest(ItemFilter.all(Scope.IMAGE)
                .withOutcome(new OutcomeFilter("nope", 10, List.of("fp"))), null, false, 0, 10), List.of()))
                .hasMessage("no prediction set named 'nope'; the project has " + String.join(", ",
                        store.predictions().sets().stream().map(PredictionSetInfo::name).toList()));
        assertThatThrownBy(() -> new OutcomeFilter("m", 20, List.of())).hasMessageContaining("not in 1..19");
        assertThatThrownBy(() -> store.exports().forEachSelected(filter(Scope.PREDICTION, 10), List.of(), i -> { }, a -> { }))
                .hasMessageContaining("not predictions");
    }

    private static List<Long> ids(SearchPage page) {
        return page.items().stream().map(SearchPage.Hit::id).toList();
    }
}
