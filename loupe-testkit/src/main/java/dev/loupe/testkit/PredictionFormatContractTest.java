package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.PredictionRequest;
import dev.loupe.formats.predictions.ProjectCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extend this in a plugin's tests to run Loupe's contract on a prediction format (a prediction reader): give the
 * format, a project's images and classes, a tiny valid results file and a broken one. Every built-in prediction
 * format passes the same contract (loupe-testkit's own tests).
 */
public abstract class PredictionFormatContractTest {
    /** Ids the contract asks the reader to start from: not 1, so that a reader that ignores it is caught. */
    static final long FIRST_ID = 41;

    /** A results source and the project it refers to. */
    public record Fixture(PredictionRequest request, ProjectCatalog project) {
    }

    /** A source the format must refuse or report, naming {@code file} (its file name). */
    public record BadInput(Fixture fixture, Path file) {
    }

    @TempDir
    Path dir;

    /** The format under test. */
    protected abstract PredictionFormat format();

    /** Writes tiny valid results (at least one prediction or probability) under {@code dir}. */
    protected abstract Fixture fixture(Path dir) throws IOException;

    /** Writes broken results under {@code dir}. */
    protected abstract BadInput badInput(Path dir) throws IOException;

    @TestFactory
    Stream<DynamicTest> predictionFormatContract() {
        PredictionFormat f = format();
        String id = f.id();
        return Stream.of(
                DynamicTest.dynamicTest(id + ": id and description", () -> ServiceChecks.id(f, PredictionFormat::id, f.description())),
                DynamicTest.dynamicTest(id + ": listed in META-INF/services", () -> ServiceChecks.listed(f, PredictionFormat.class)),
                DynamicTest.dynamicTest(id + ": public no-argument constructor", () -> ServiceChecks.constructor(f, PredictionFormat::id)),
                DynamicTest.dynamicTest(id + ": reads the fixture: ids from firstId, known images and classes, scores in [0, 1]",
                        () -> reads(f)),
                DynamicTest.dynamicTest(id + ": the same predictions from a second reader", () -> deterministic(f)),
                DynamicTest.dynamicTest(id + ": bad input names the file", () -> namesTheBadFile(f)));
    }

    private void reads(PredictionFormat f) throws IOException {
        Fixture fx = fixture(dir.resolve("fixture"));
        PredictionReader reader = f.open(fx.request());
        assertThat(reader.format()).as(f.id() + ": the reader's format is the id").isEqualTo(f.id());
        Events events = new Events();
        reader.read(fx.project(), FIRST_ID, events);
        assertThat(events.issues).as(f.id() + ": issues on the valid fixture").isEmpty();
        assertThat(events.predictions.size() + events.probabilities.size()).as(f.id() + ": predictions of the fixture")
                .isPositive();
        Set<Long> ids = new HashSet<>();
        for (Prediction p : events.predictions) {
            assertThat(p.id()).as(f.id() + ": prediction ids start at firstId").isGreaterThanOrEqualTo(FIRST_ID);
            assertThat(ids.add(p.id())).as(f.id() + ": prediction id " + p.id() + " given once").isTrue();
            assertThat(fx.project().categories()).as(f.id() + ": prediction " + p.id() + "'s class is the project's")
                    .anyMatch(c -> c.id() == p.categoryId());
            assertThat(p.score()).as(f.id() + ": prediction " + p.id() + "'s score").isBetween(0.0, 1.0);
        }
        for (List<Object> pr : events.probabilities) {
            assertThat((Double) pr.get(2)).as(f.id() + ": a probability").isBetween(0.0, 1.0);
        }
    }

    private void deterministic(PredictionFormat f) throws IOException {
        Fixture fx = fixture(dir.resolve("twice"));
        Events first = new Events();
        f.open(fx.request()).read(fx.project(), FIRST_ID, first);
        Events second = new Events();
        f.open(fx.request()).read(fx.project(), FIRST_ID, second);
        assertThat(second.all).as(f.id() + ": a second reader of the same source gives the same events").isEqualTo(first.all);
    }

    private void namesTheBadFile(PredictionFormat f) throws IOException {
        BadInput bad = badInput(dir.resolve("bad"));
        String name = bad.file().getFileName().toString();
        Events events = new Events();
        try {
            f.open(bad.fixture().request()).read(bad.fixture().project(), FIRST_ID, events);
        } catch (LoupeException e) {
            assertThat(e.getMessage()).as(f.id() + ": the message of a source it refuses names the file").contains(name);
            return;
        }
        assertThat(events.issues).as(f.id() + ": a bad source is refused (LoupeException) or reported (an issue)").isNotEmpty();
        assertThat(events.issues).as(f.id() + ": an issue names " + name).anyMatch(i -> (i.file() != null && i.file().contains(name))
                || i.message().contains(name));
    }

    /** Every event a reader streams, in order. */
    private static final class Events implements PredictionSink {
        final List<Object> all = new ArrayList<>();
        final List<Prediction> predictions = new ArrayList<>();
        final List<List<Object>> probabilities = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();

        @Override
        public void prediction(Prediction prediction) {
            predictions.add(prediction);
            all.add(prediction);
        }

        @Override
        public void probability(long imageId, int categoryId, double probability) {
            List<Object> p = List.of(imageId, categoryId, probability);
            probabilities.add(p);
            all.add(p);
        }

        @Override
        public void issue(Issue issue) {
            issues.add(issue);
            all.add(issue);
        }
    }
}
