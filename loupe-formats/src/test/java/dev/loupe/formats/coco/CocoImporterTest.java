package dev.loupe.formats.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CollectingSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoImporterTest {
    static final Path VOC100 = CollectingSink.shared().resolve("data/voc100");
    static final Path COCO_REF = CollectingSink.shared().resolve("reference/cocoeval/instances_val2014_100.json");

    @TempDir
    Path tmp;

    @Test
    void importsVoc100CocoFileWithItsCounts() {
        CollectingSink s = CollectingSink.run(new CocoImporter(
                VOC100.resolve("gts/coco_format_v1/instances_default.json"), VOC100.resolve("images")));
        assertThat(s.images).hasSize(100);
        assertThat(s.annotations).hasSize(273);
        assertThat(s.categories).hasSize(20);
        assertThat(s.issues).isEmpty();
        assertThat(s.countsByClass()).containsEntry("person", 91L).containsEntry("aeroplane", 15L);
        // First annotation of the file: bbox [58, 158, 14, 33] on 2007_001585.jpg (500x434), a bottle.
        Annotation first = s.annotations.get(0);
        assertThat(first.geometry()).isEqualTo(new Geometry.BoxShape(new Box(58, 158, 14, 33)));
        assertThat(s.categoryName(first)).isEqualTo("bottle");
        assertThat(s.image(first.imageId()).path()).isEqualTo("2007_001585.jpg");
        assertThat(s.image(first.imageId()).width()).isEqualTo(500);
        assertThat(first.area()).isEqualTo(462.0);
        assertThat(first.sourceId()).isEqualTo("1");
    }

    @Test
    void importsPolygonsAndCrowdRleOfThePycocotoolsTestVector() {
        // Images of the reference file are not shipped: every image is recorded as missing, and kept.
        CollectingSink s = CollectingSink.run(new CocoImporter(COCO_REF, tmp));
        assertThat(s.images).hasSize(100);
        assertThat(s.issues(IssueKind.MISSING_IMAGE_FILE)).hasSize(100);
        assertThat(s.issues).allMatch(i -> i.kind() == IssueKind.MISSING_IMAGE_FILE);
        assertThat(s.categories).hasSize(80);
        long masks = s.annotations.stream().filter(a -> a.geometry() instanceof Geometry.MaskShape).count();
        long polygons = s.annotations.stream().filter(a -> a.geometry() instanceof Geometry.PolygonShape).count();
        assertThat(masks).isPositive();
        assertThat(polygons + masks).isEqualTo(s.annotations.size());
        assertThat(s.annotations).filteredOn(a -> a.geometry() instanceof Geometry.MaskShape).allMatch(Annotation::crowd);
        // Crowd annotation 905500000715 (480x640): its uncompressed counts cover 38731 pixels (sum of the
        // odd-indexed counts, computed with Python); COCO declares area 43756, which is kept as given.
        Annotation crowd = s.annotations.stream().filter(a -> "905500000715".equals(a.sourceId())).findFirst().orElseThrow();
        Geometry.MaskShape m = (Geometry.MaskShape) crowd.geometry();
        assertThat(Masks.area(m.rle())).isEqualTo(38731);
        assertThat(m.rle().height()).isEqualTo(480);
        assertThat(crowd.area()).isEqualTo(43756.0);
    }

    @Test
    void recordsLocatedIssuesAndKeepsWhatItCan() throws IOException {
        copyImage("2007_000027.jpg"); // 486x500
        Path json = write("""
                {"categories": [{"id": 1, "name": "person"}, {"id": 1, "name": "again"}],
                 "images": [{"id": 7, "file_name": "2007_000027.jpg", "width": 486, "height": 500},
                            {"id": 8, "file_name": "missing.jpg", "width": 10, "height": 10},
                            {"id": 7, "file_name": "dup.jpg"}],
                 "annotations": [
                   {"id": 1, "image_id": 7, "category_id": 1, "bbox": [10, 10, 20, 30]},
                   {"id": 2, "image_id": 7, "category_id": 1, "bbox": [10, 10, -3, 30]},
                   {"id": 3, "image_id": 7, "category_id": 1, "bbox": [480, 10, 20, 30]},
                   {"id": 4, "image_id": 7, "category_id": 1, "bbox": [600, 10, 20, 30]},
                   {"id": 5, "image_id": 7, "category_id": 99, "bbox": [1, 1, 2, 2]},
                   {"id": 6, "image_id": 42, "category_id": 1, "bbox": [1, 1, 2, 2]},
                   {"id": 7, "image_id": 7, "category_id": 1, "bbox": ["a", 1, 2, 2]},
                   {"id": 8, "image_id": 7, "category_id": 1, "bbox": [NaN, 1, 2, 2]},
                   {"id": 9, "image_id": 7, "category_id": 1, "bbox": [1, 1, 2, 2], "iscrowd": 3},
                   "not an object"
                 ]}
                """);
        CollectingSink s = CollectingSink.run(new CocoImporter(json, tmp));
        assertThat(s.categories).extracting(c -> c.name()).containsExactly("person");
        assertThat(s.images).hasSize(2);
        assertThat(s.annotations).extracting(Annotation::sourceId).containsExactly("1", "2", "3", "4", "5", "8", "9");
        assertThat(issue(s, IssueKind.DEGENERATE_BOX).location()).isEqualTo("/annotations/1/bbox");
        assertThat(issue(s, IssueKind.DEGENERATE_BOX).message()).contains("width -3").contains("must both be > 0");
        assertThat(issue(s, IssueKind.BOX_OUTSIDE_IMAGE).location()).isEqualTo("/annotations/2/bbox");
        assertThat(issue(s, IssueKind.BOX_FULLY_OUTSIDE_IMAGE).message()).contains("486x500");
        assertThat(issue(s, IssueKind.UNKNOWN_CATEGORY).location()).isEqualTo("/annotations/4/category_id");
        assertThat(s.annotations.get(4).categoryId()).isNull();
        assertThat(issue(s, IssueKind.UNKNOWN_IMAGE).message()).contains("image id 42");
        assertThat(issue(s, IssueKind.NON_FINITE_OR_NEGATIVE).location()).isEqualTo("/annotations/7/bbox");
        assertThat(s.issues(IssueKind.INVALID_VALUE)).extracting(Issue::location)
                .contains("/annotations/6/bbox", "/annotations/8/iscrowd", "/annotations/9");
        assertThat(s.issues(IssueKind.DUPLICATE_ID)).extracting(Issue::location).containsExactly("/categories/1", "/images/2");
        assertThat(issue(s, IssueKind.MISSING_IMAGE_FILE).message()).contains("missing.jpg");
        assertThat(s.issues).allMatch(i -> i.file().equals("instances.json"));
    }

    /** A truncated file created a project with what came before the break and exit 0; now nothing is imported. */
    @Test
    void aTruncatedFileIsAFailureNamingTheFileAndPosition() throws IOException {
        copyImage("2007_000027.jpg");
        Path json = write("""
                {"categories": [{"id": 1, "name": "person"}],
                 "images": [{"id": 1, "file_name": "2007_000027.jpg"}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 1, "bbox": [10, 10, 20, 30]},
                   {"id": 2, "image_id": 1, "category_id": 1, "bbox": [10, 10,""");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(json, tmp))).isInstanceOf(LoupeException.class)
                .hasMessageStartingWith("instances.json line 5, column ")
                .hasMessageEndingWith(": the file ends before its JSON is complete (truncated?); nothing was imported");
        Path early = write("{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(early, tmp)))
                .hasMessageContaining("instances.json line 1, column ").hasMessageContaining("truncated?");
        Path garbage = write("{\"images\": [], \"annotations\": [}");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(garbage, tmp)))
                .isInstanceOf(LoupeException.class).hasMessage("instances.json line 1, column 32: invalid JSON: Unexpected close marker '}': expected ']'; nothing was imported");
    }

    /** Jackson's own limits (nesting depth 1000, number length 1000) said nothing of where. */
    @Test
    void jacksonLimitsNameTheLineAndColumn() throws IOException {
        Path deep = write("{\"images\": [], \"x\":\n" + "[".repeat(1500) + "]".repeat(1500) + "}");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(deep, tmp))).isInstanceOf(LoupeException.class)
                .hasMessageStartingWith("instances.json line 2, column 1001: ")
                .hasMessageContaining("beyond a reading limit: Document nesting depth (1001) exceeds the maximum allowed (1000); nothing was imported");
        Path longNumber = write("{\"images\": [{\"id\": 1, \"width\": " + "9".repeat(2000) + "}]}");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(longNumber, tmp)))
                .hasMessageStartingWith("instances.json line 1, column ").hasMessageContaining("beyond a reading limit: Number value length");
    }

    @Test
    void imagePathsCannotLeaveTheImagesFolder() throws IOException {
        Path json = write("""
                {"images": [{"id": 1, "file_name": "../../etc/passwd", "width": 10, "height": 10}], "annotations": []}
                """);
        CollectingSink s = CollectingSink.run(new CocoImporter(json, tmp.resolve("images")));
        assertThat(s.images).singleElement().satisfies(i -> assertThat(i.fileSize()).isEqualTo(-1));
        assertThat(issue(s, IssueKind.INVALID_VALUE).message()).contains("leaves the images folder");
    }

    /** A NUL in a file name aborted the import with a stack trace (InvalidPathException). */
    @Test
    void aNulInAFileNameIsAnIssueAndTheImportGoesOn() throws IOException {
        Path json = write("""
                {"images": [{"id": 1, "file_name": "a\\u0000.jpg", "width": 10, "height": 10},
                            {"id": 2, "file_name": "b.jpg", "width": 10, "height": 10}], "annotations": []}
                """);
        CollectingSink s = CollectingSink.run(new CocoImporter(json, tmp.resolve("images")));
        assertThat(s.images).hasSize(2);
        assertThat(issue(s, IssueKind.INVALID_VALUE).message()).isEqualTo("image path 'a\\u0000.jpg' contains a NUL character; "
                + "expected a file name");
    }

    @Test
    void rejectsFilesThatAreNotCoco() throws IOException {
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(write("[1, 2]"), tmp)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("not a COCO instances file");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(write("{\"info\": {}}"), tmp)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("no \"images\"");
        assertThatThrownBy(() -> CollectingSink.run(new CocoImporter(tmp.resolve("none.json"), tmp)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("not found");
    }

    @Test
    void readsPolygonAndBothRleFormsAndDerivesMissingBoxes() throws IOException {
        copyImage("2007_000027.jpg");
        // 486x500 image; uncompressed counts [5, 2, rest]: pixels 5 and 6 of column 0 -> box (0, 5, 1, 2).
        int rest = 486 * 500 - 7;
        Path json = write("""
                {"categories": [{"id": 3, "name": "cat"}],
                 "images": [{"id": 1, "file_name": "2007_000027.jpg", "width": 486, "height": 500}],
                 "annotations": [
                   {"id": 1, "image_id": 1, "category_id": 3, "segmentation": [[10, 10, 50, 10, 50, 40], [60, 60, 70, 60, 70, 70]]},
                   {"id": 2, "image_id": 1, "category_id": 3, "iscrowd": 1, "segmentation": {"size": [500, 486], "counts": [5, 2, %d]}},
                   {"id": 3, "image_id": 1, "category_id": 3, "segmentation": {"size": [500, 486], "counts": "52"}},
                   {"id": 4, "image_id": 1, "category_id": 3, "segmentation": [[1, 2, 3]], "bbox": [1, 1, 2, 2]}
                 ]}
                """.formatted(rest));
        CollectingSink s = CollectingSink.run(new CocoImporter(json, tmp));
        assertThat(s.annotations).extracting(Annotation::sourceId).containsExactly("1", "2", "4");
        Geometry.PolygonShape poly = (Geometry.PolygonShape) s.annotations.get(0).geometry();
        assertThat(poly.polygon().rings()).hasSize(2);
        assertThat(poly.box()).isEqualTo(new Box(10, 10, 60, 60));
        Geometry.MaskShape mask = (Geometry.MaskShape) s.annotations.get(1).geometry();
        assertThat(s.annotations.get(1).crowd()).isTrue();
        assertThat(mask.box()).isEqualTo(new Box(0, 5, 1, 2));
        assertThat(Masks.area(mask.rle())).isEqualTo(2);
        // "52" is not a valid RLE for a 500x486 image (its counts do not cover the image).
        assertThat(s.issues(IssueKind.INVALID_VALUE)).extracting(Issue::location)
                .contains("/annotations/2/segmentation/counts", "/annotations/3/segmentation/0");
        assertThat(s.issues(IssueKind.INVALID_VALUE)).filteredOn(i -> i.itemId() == null).singleElement()
                .satisfies(i -> assertThat(i.message()).startsWith("annotation 3 not imported: no usable geometry"));
        assertThat(s.annotations.get(2).geometry()).isInstanceOf(Geometry.BoxShape.class);
    }

    private Issue issue(CollectingSink s, IssueKind kind) {
        assertThat(s.issues(kind)).as("issues of kind %s in %s", kind, s.issues).hasSize(1);
        return s.issues(kind).get(0);
    }

    private void copyImage(String name) throws IOException {
        Files.copy(VOC100.resolve("images").resolve(name), tmp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private Path write(String text) throws IOException {
        Path f = tmp.resolve("instances.json");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }
}
