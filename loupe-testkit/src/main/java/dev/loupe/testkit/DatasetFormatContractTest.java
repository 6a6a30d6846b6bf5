package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extend this in a plugin's tests to run Loupe's contract on a dataset format (an importer): give the format, a
 * tiny valid dataset and a broken one. Every built-in format passes the same contract (loupe-testkit's own tests).
 *
 * <pre>{@code
 * class ClassListFormatTest extends DatasetFormatContractTest {
 *     protected DatasetFormat format() { return new ClassListFormat(); }
 *     protected ImportRequest fixture(Path dir) throws IOException { ... write two images and a list ... }
 *     protected BadInput badInput(Path dir) throws IOException { ... a list with a broken line ... }
 * }
 * }</pre>
 */
public abstract class DatasetFormatContractTest {
    /**
     * A source the format must refuse or report: reading it throws a {@link LoupeException} or records an
     * {@link Issue}, and either names {@code file} (its file name).
     */
    public record BadInput(ImportRequest request, Path file) {
    }

    @TempDir
    Path dir;

    /** The format under test. */
    protected abstract DatasetFormat format();

    /** Writes a tiny valid dataset (at least one image, one class and one label) under {@code dir}. */
    protected abstract ImportRequest fixture(Path dir) throws IOException;

    /** Writes a broken dataset under {@code dir}: a label file that is not in the format, or a bad line. */
    protected abstract BadInput badInput(Path dir) throws IOException;

    @TestFactory
    Stream<DynamicTest> datasetFormatContract() {
        DatasetFormat f = format();
        String id = f.id();
        return Stream.of(
                DynamicTest.dynamicTest(id + ": id, description and label input", () -> describes(f)),
                DynamicTest.dynamicTest(id + ": listed in META-INF/services", () -> ServiceChecks.listed(f, DatasetFormat.class)),
                DynamicTest.dynamicTest(id + ": public no-argument constructor", () -> ServiceChecks.constructor(f, DatasetFormat::id)),
                DynamicTest.dynamicTest(id + ": streams the fixture in order, ids unique, no issues", () -> streams(f)),
                DynamicTest.dynamicTest(id + ": the same events from a second importer", () -> deterministic(f)),
                DynamicTest.dynamicTest(id + ": bad input names the file", () -> namesTheBadFile(f)));
    }

    private static void describes(DatasetFormat f) {
        ServiceChecks.id(f, DatasetFormat::id, f.description());
        LabelInput in = f.labels();
        assertThat(in).as(f.id() + ": labels()").isNotNull();
        if (in.kind() != LabelInput.Kind.NONE) {
            assertThat(in.noun()).as(f.id() + ": what its labels are called in messages").isNotBlank();
        }
    }

    private void streams(DatasetFormat f) throws IOException {
        ImportRequest request = fixture(dir.resolve("fixture"));
        LabelInput.Kind kind = f.labels().kind();
        if (kind == LabelInput.Kind.NONE) {
            assertThat(request.labels()).as(f.id() + " reads no labels: the fixture's labels are null").isNull();
        } else {
            assertThat(kind == LabelInput.Kind.FILE ? Files.isRegularFile(request.labels()) : Files.isDirectory(request.labels()))
                    .as(f.id() + ": the fixture's labels are a " + kind.name().toLowerCase(java.util.Locale.ROOT)).isTrue();
        }
        DatasetImporter importer = f.open(request);
        assertThat(importer.format()).as(f.id() + ": the importer's format is the id").isEqualTo(f.id());
        DatasetEvents events = new DatasetEvents();
        importer.read(events);
        assertThat(events.of(Issue.class)).as(f.id() + ": issues on the valid fixture").isEmpty();
        assertThat(events.of(ImageRecord.class)).as(f.id() + ": images of the fixture").isNotEmpty();
        assertThat(events.of(Annotation.class)).as(f.id() + ": labels of the fixture").isNotEmpty();
        Set<Long> images = new HashSet<>();
        Set<Integer> categories = new HashSet<>();
        Set<Long> annotations = new HashSet<>();
        for (Object e : events.events()) {
            if (e instanceof Category c) {
                assertThat(categories.add(c.id())).as(f.id() + ": category id " + c.id() + " given once").isTrue();
            } else if (e instanceof ImageRecord im) {
                assertThat(images.add(im.id())).as(f.id() + ": image id " + im.id() + " given once").isTrue();
                assertThat(Files.isRegularFile(request.images().resolve(im.path()))).as(f.id() + ": image " + im.path()
                        + " is relative to the images folder").isTrue();
            } else if (e instanceof Annotation a) {
                assertThat(annotations.add(a.id())).as(f.id() + ": annotation id " + a.id() + " given once").isTrue();
                assertThat(images).as(f.id() + ": annotation " + a.id() + "'s image came before it").contains(a.imageId());
                if (a.categoryId() != null) {
                    assertThat(categories).as(f.id() + ": annotation " + a.id() + "'s class came before it").contains(a.categoryId());
                }
            }
        }
    }

    private void deterministic(DatasetFormat f) throws IOException {
        ImportRequest request = fixture(dir.resolve("twice"));
        DatasetEvents first = new DatasetEvents();
        f.open(request).read(first);
        DatasetEvents second = new DatasetEvents();
        f.open(request).read(second);
        assertThat(second.events()).as(f.id() + ": a second importer of the same source streams the same events")
                .isEqualTo(first.events());
    }

    private void namesTheBadFile(DatasetFormat f) throws IOException {
        BadInput bad = badInput(dir.resolve("bad"));
        String name = bad.file().getFileName().toString();
        DatasetEvents events = new DatasetEvents();
        try {
            f.open(bad.request()).read(events);
        } catch (LoupeException e) {
            assertThat(e.getMessage()).as(f.id() + ": the message of a source it refuses names the file").contains(name);
            return;
        }
        List<Issue> issues = events.of(Issue.class);
        assertThat(issues).as(f.id() + ": a bad source is refused (LoupeException) or reported (an issue)").isNotEmpty();
        assertThat(issues).as(f.id() + ": an issue names " + name).anyMatch(i -> (i.file() != null && i.file().contains(name))
                || i.message().contains(name));
    }
}
