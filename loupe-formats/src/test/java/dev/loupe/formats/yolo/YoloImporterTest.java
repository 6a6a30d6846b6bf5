package dev.loupe.formats.yolo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CollectingSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloImporterTest {
    static final Path VOC100 = CollectingSink.shared().resolve("data/voc100");

    @TempDir
    Path tmp;

    @Test
    void importsVoc100YoloLabelsWithClassNamesFoundBesideThem() {
        CollectingSink s = CollectingSink.run(new YoloImporter(VOC100.resolve("gts/yolo_format"), VOC100.resolve("images"), null));
        assertThat(s.images).hasSize(100);
        assertThat(s.annotations).hasSize(273);
        assertThat(s.categories).hasSize(20);
        assertThat(s.categories.get(0).name()).isEqualTo("person");
        assertThat(s.issues).isEmpty();
        assertThat(s.images).allMatch(i -> "train".equals(i.split()));
    }

    @Test
    void convertsNormalisedBoxesAndPolygonsToPixelsAndReportsBadLines() throws IOException {
        Files.copy(VOC100.resolve("images/2007_000027.jpg"), tmp.resolve("a.jpg")); // 486x500
        Path labels = Files.createDirectories(tmp.resolve("labels"));
        Files.writeString(labels.resolve("classes.txt"), "cat\ndog\n");
        Files.writeString(labels.resolve("a.txt"), String.join("\n",
                "0 0.5 0.5 0.2 0.1",
                "1 0.1 0.1 0.3 0.1 0.3 0.3",
                "",
                "7 0.5 0.5 0.2 0.1",
                "0 0.5 zero 0.2 0.1",
                "0 0.5 0.5",
                "0 0.95 0.5 0.2 0.1",
                "0 0.5 0.5 0.2 0.1 1.5"));
        Files.writeString(labels.resolve("orphan.txt"), "0 0.5 0.5 0.1 0.1\n");
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.move(tmp.resolve("a.jpg"), images.resolve("a.jpg"));
        CollectingSink s = CollectingSink.run(new YoloImporter(labels, images, null));
        assertThat(s.annotations).hasSize(5);
        // cx 0.5, cy 0.5, w 0.2, h 0.1 of 486x500 -> x = 243 - 48.6, y = 250 - 25, w = 97.2, h = 50.
        Box b = s.annotations.get(0).geometry().box();
        assertThat(b.x()).isCloseTo(194.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.y()).isCloseTo(225.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.w()).isCloseTo(97.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(b.h()).isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.annotations.get(1).geometry()).isInstanceOf(Geometry.PolygonShape.class);
        assertThat(s.annotations.get(1).geometry().box().w()).isCloseTo(0.2 * 486, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.annotations.get(2).categoryId()).isNull();
        assertThat(s.issues(IssueKind.UNKNOWN_CATEGORY)).singleElement().satisfies(i -> assertThat(i.location()).isEqualTo("line 4"));
        assertThat(s.issues(IssueKind.INVALID_VALUE)).extracting(Issue::location).containsExactly("line 5", "line 6", "line 8");
        assertThat(s.issues(IssueKind.BOX_OUTSIDE_IMAGE)).singleElement().satisfies(i -> assertThat(i.location()).isEqualTo("line 7"));
        assertThat(s.issues(IssueKind.MISSING_IMAGE_FILE)).singleElement().satisfies(i -> assertThat(i.file()).isEqualTo("orphan.txt"));
    }

    @Test
    void needsAClassNamesFile() throws IOException {
        Path labels = Files.createDirectories(tmp.resolve("l"));
        assertThatThrownBy(() -> CollectingSink.run(new YoloImporter(labels, tmp, null)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("--classes");
    }

    /** Windows editors start files with a UTF-8 byte order mark: it made the first class "\uFEFFcat" and line 1 bad. */
    @Test
    void aByteOrderMarkIsNotPartOfTheFirstClassOrLine() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("bom/images"));
        Files.copy(VOC100.resolve("images/2007_000027.jpg"), images.resolve("a.jpg"));
        Path labels = Files.createDirectories(tmp.resolve("bom/labels"));
        Files.writeString(labels.resolve("classes.txt"), "\uFEFFcat\ndog\n");
        Files.writeString(labels.resolve("a.txt"), "\uFEFF0 0.5 0.5 0.2 0.1\n1 0.5 0.5 0.2 0.1\n");
        CollectingSink s = CollectingSink.run(new YoloImporter(labels, images, null));
        assertThat(s.categories).extracting(c -> c.name()).containsExactly("cat", "dog");
        assertThat(s.issues).isEmpty();
        assertThat(s.annotations).extracting(a -> a.categoryId()).containsExactly(s.categories.get(0).id(), s.categories.get(1).id());
    }
}
