package dev.loupe.formats.masks;

import dev.loupe.formats.CollectingSink;
import static dev.loupe.formats.masks.MaskFixtures.VOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.Assertions.tuple;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalisedBoxJsonImporterTest {
    @TempDir
    Path tmp;

    @Test
    void importsTheEncordVideoExampleBoxesInPixels() {
        CollectingSink sink = new CollectingSink();
        NormalisedBoxJsonImporter importer =
                new NormalisedBoxJsonImporter(VOS.resolve("JPEGImages"), VOS.resolve("Annotations"));
        importer.read(sink);

        assertThat(importer.format()).isEqualTo("boxes-json");
        assertThat(sink.categories).extracting(Category::name).containsExactly("shark", "airplane", "elephant");
        assertThat(sink.images).hasSize(21);
        assertThat(sink.annotations).hasSize(21)
                .allSatisfy(a -> assertThat(a.geometry()).isInstanceOf(Geometry.BoxShape.class));
        Map<String, Long> perClass = sink.annotations.stream()
                .collect(Collectors.groupingBy(sink::categoryName, Collectors.counting()));
        assertThat(perClass).containsExactlyInAnyOrderEntriesOf(Map.of("shark", 7L, "airplane", 7L, "elephant", 7L));
        assertThat(sink.issues).isEmpty();
        // video1/00000.json: {"1": {"x": 0.4275, "y": 0.4321, "w": 0.1989, "h": 0.1593}} on a 1280x720 frame.
        Annotation first = sink.annotations.get(0);
        assertThat(first.sourceId()).isEqualTo("video1/00000.json#1");
        Box box = first.geometry().box();
        assertThat(box.x()).isCloseTo(0.4275 * 1280, offset(1e-9));
        assertThat(box.y()).isCloseTo(0.4321 * 720, offset(1e-9));
        assertThat(box.w()).isCloseTo(0.1989 * 1280, offset(1e-9));
        assertThat(box.h()).isCloseTo(0.1593 * 720, offset(1e-9));
    }

    @Test
    void truncatedJsonIsMalformedWithLineAndColumn() throws IOException {
        frame("{\"1\": {\"x\": 0.1, \"y\": 0.1, \"w\": 0.5, \"h\": 0.5},\n \"2\": {\"x\": 0.2, \"y\"");
        CollectingSink sink = read();

        assertThat(sink.images).hasSize(1);
        // The complete box before the error is kept.
        assertThat(sink.annotations).extracting(Annotation::sourceId).containsExactly("v/0.json#1");
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.MALFORMED_FILE);
            assertThat(issue.file()).isEqualTo("v/0.json");
            assertThat(issue.location()).matches("line 2, column \\d+");
            assertThat(issue.message()).contains("the file ends before its JSON is complete (truncated?)");
        });
    }

    /** Jackson's limit errors carry no location: the file, line, column and the limit are named all the same. */
    @Test
    void jacksonLimitsNameTheLineColumnAndLimit() throws IOException {
        frame("{\"1\": {\"x\": 0.1, \"y\": 0.1, \"w\": 0.5, \"h\": 0.5},\n \"2\": " + "[".repeat(1500) + "]".repeat(1500) + "}");
        CollectingSink sink = read();
        assertThat(sink.annotations).extracting(Annotation::sourceId).containsExactly("v/0.json#1");
        assertThat(sink.issues).filteredOn(i -> i.kind() == IssueKind.MALFORMED_FILE).singleElement().satisfies(issue -> {
            assertThat(issue.file()).isEqualTo("v/0.json");
            // Depth 1 is the top-level object: the 1000th '[' (column 1006) opens depth 1001; the parser stands past it.
            assertThat(issue.location()).isEqualTo("line 2, column 1007");
            assertThat(issue.message()).isEqualTo("beyond a reading limit: Document nesting depth (1001) exceeds the "
                    + "maximum allowed (1000); the complete boxes before this point were kept");
        });

        MaskFixtures.text(tmp.resolve("labels/meta.json"), "{\"videos\": {\n\"v\": {\"objects\": {\"1\": {\"n\": "
                + "9".repeat(2000) + "}}}}}");
        assertThatThrownBy(this::read).isInstanceOf(LoupeException.class)
                .hasMessageContaining("meta.json line 2, column ")
                .hasMessageContaining(": beyond a reading limit: Number value length (")
                .hasMessageEndingWith("; no category was read")
                .hasMessageNotContaining("StreamReadConstraints");
    }

    @Test
    void negativeWidthIsKeptWithNonFiniteOrNegative() throws IOException {
        frame("{\"1\": {\"x\": 0.5, \"y\": 0.0, \"w\": -0.25, \"h\": 1.0}}");
        CollectingSink sink = read();

        assertThat(sink.annotations).singleElement()
                .satisfies(a -> assertThat(a.geometry().box()).isEqualTo(new Box(2, 0, -1, 3)));
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemId, Issue::location)
                .containsExactly(tuple(IssueKind.NON_FINITE_OR_NEGATIVE, 1L, "/1/w"));
        assertThat(sink.issues.get(0).message()).contains("w is -0.25", "expected a finite number >= 0");
    }

    @Test
    void nanIsReportedNotAParseError() throws IOException {
        frame("{\"1\": {\"x\": NaN, \"y\": 0.0, \"w\": 0.5, \"h\": 0.5}}");
        CollectingSink sink = read();

        assertThat(sink.annotations).hasSize(1);
        assertThat(sink.issues).extracting(Issue::kind, Issue::location)
                .containsExactly(tuple(IssueKind.NON_FINITE_OR_NEGATIVE, "/1/x"));
    }

    @Test
    void wrongTypesAndMissingFieldsAreInvalidValuesWithJsonPointers() throws IOException {
        frame("{\"1\": {\"x\": \"0.5\", \"y\": 0.0, \"w\": 0.5, \"h\": 0.5}, \"2\": [0, 0, 1, 1],"
                + " \"3\": {\"x\": 0, \"y\": 0, \"w\": 1}, \"4\": {\"x\": 0, \"y\": 0, \"w\": 1, \"h\": 1, \"score\": 0.9}}");
        CollectingSink sink = read();

        assertThat(sink.annotations).extracting(Annotation::sourceId).containsExactly("v/0.json#4");
        assertThat(sink.issues).extracting(Issue::kind, Issue::location).containsExactly(
                tuple(IssueKind.INVALID_VALUE, "/1/x"),
                tuple(IssueKind.INVALID_VALUE, "/2"),
                tuple(IssueKind.INVALID_VALUE, "/3/h"));
        assertThat(sink.issues.get(0).message()).contains("a string \"0.5\"", "expected a number");
        assertThat(sink.issues.get(2).message()).contains("missing");
    }

    @Test
    void boxPastTheBorderIsKeptWithTheBoxCheck() throws IOException {
        frame("{\"1\": {\"x\": 0.5, \"y\": 0.0, \"w\": 0.75, \"h\": 1.0}}");
        CollectingSink sink = read();

        assertThat(sink.annotations).singleElement()
                .satisfies(a -> assertThat(a.geometry().box()).isEqualTo(new Box(2, 0, 3, 3)));
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemId, Issue::location)
                .containsExactly(tuple(IssueKind.BOX_OUTSIDE_IMAGE, 1L, "/1"));
    }

    @Test
    void unknownInstanceIsKeptWithoutCategory() throws IOException {
        MaskFixtures.text(tmp.resolve("labels/meta.json"),
                "{\"videos\": {\"v\": {\"objects\": {\"1\": {\"category\": \"fish\"}}}}}");
        frame("{\"1\": {\"x\": 0, \"y\": 0, \"w\": 0.5, \"h\": 0.5}, \"7\": {\"x\": 0.5, \"y\": 0.5, \"w\": 0.5, \"h\": 0.5}}");
        CollectingSink sink = read();

        assertThat(sink.annotations).extracting(sink::categoryName).containsExactly("fish", null);
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemId, Issue::file)
                .containsExactly(tuple(IssueKind.UNKNOWN_CATEGORY, 2L, "v/0.json"));
        assertThat(sink.issues.get(0).message()).contains("meta.json", "/videos/v/objects/7/category");
    }

    @Test
    void malformedMetaJsonIsBadInputWithItsLine() throws IOException {
        MaskFixtures.text(tmp.resolve("labels/meta.json"), "{\"videos\": {\n\"v\": {\"objects\": }}}");
        frame("{}");
        assertThatThrownBy(this::read)
                .isInstanceOf(LoupeException.class)
                .hasMessageContaining("meta.json line 2");
    }

    @Test
    void frameWithoutJsonIsUnlabelled() throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        Files.createDirectories(tmp.resolve("labels"));
        CollectingSink sink = read();

        assertThat(sink.annotations).isEmpty();
        assertThat(sink.issues).extracting(Issue::kind, Issue::file)
                .containsExactly(tuple(IssueKind.MISSING_LABEL_FILE, "v/0.png"));
    }

    @Test
    void missingImagesFolderIsBadInput() throws IOException {
        Files.createDirectories(tmp.resolve("labels"));
        assertThatThrownBy(this::read)
                .isInstanceOf(LoupeException.class)
                .hasMessageContaining(tmp.resolve("images").toString());
    }

    /** A 4x3 frame images/v/0.png with labels/v/0.json. */
    private void frame(String json) throws IOException {
        MaskFixtures.image(tmp.resolve("images/v/0.png"), 4, 3);
        MaskFixtures.text(tmp.resolve("labels/v/0.json"), json);
    }

    private CollectingSink read() {
        CollectingSink sink = new CollectingSink();
        new NormalisedBoxJsonImporter(tmp.resolve("images"), tmp.resolve("labels")).read(sink);
        return sink;
    }
}
