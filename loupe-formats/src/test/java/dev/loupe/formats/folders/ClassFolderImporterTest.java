package dev.loupe.formats.folders;

import dev.loupe.formats.CollectingSink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassFolderImporterTest {
    private static final Path SHARED = Path.of(System.getProperty("loupe.shared", "/work/shared"));
    private static final Path CLASSIFICATION = SHARED.resolve("data/encord-examples/classification");

    @TempDir
    Path tmp;

    @Test
    void importsTheEncordClassificationExampleWithOneLabelPerImage() {
        CollectingSink sink = new CollectingSink();
        ClassFolderImporter importer = new ClassFolderImporter(CLASSIFICATION);
        importer.read(sink);

        assertThat(importer.format()).isEqualTo("folders");
        assertThat(sink.categories).extracting(Category::id, Category::name)
                .containsExactly(tuple(1, "cat"),
                        tuple(2, "dog"),
                        tuple(3, "horse"));
        assertThat(sink.images).hasSize(28).allSatisfy(image -> {
            assertThat(image.hasSize()).isTrue();
            assertThat(image.format()).isEqualTo("jpeg");
        });
        assertThat(sink.annotations).hasSize(28)
                .allSatisfy(a -> assertThat(a.geometry()).isInstanceOf(Geometry.ImageLabel.class));
        Map<String, Long> perClass = sink.annotations.stream()
                .collect(Collectors.groupingBy(sink::categoryName, Collectors.counting()));
        assertThat(perClass).containsExactlyInAnyOrderEntriesOf(Map.of("cat", 7L, "dog", 9L, "horse", 12L));
        // The label is the folder the image is in.
        for (Annotation a : sink.annotations) {
            assertThat(sink.image(a.imageId()).path()).startsWith(sink.categoryName(a) + "/");
        }
        assertThat(sink.annotations).extracting(Annotation::id)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 28).boxed().toList());
        assertThat(sink.issues).isEmpty();
    }

    @Test
    void imageDirectlyInTheRootIsImportedUnlabelledWithAnIssue() throws IOException {
        writeImage(tmp.resolve("cat/a.png"));
        writeImage(tmp.resolve("loose.png"));
        CollectingSink sink = new CollectingSink();
        new ClassFolderImporter(tmp).read(sink);

        assertThat(sink.images).extracting(ImageRecord::path).containsExactly("cat/a.png", "loose.png");
        ImageRecord loose = sink.images.get(1);
        assertThat(sink.annotations).singleElement().satisfies(a -> {
            assertThat(sink.image(a.imageId()).path()).isEqualTo("cat/a.png");
            assertThat(sink.categoryName(a)).isEqualTo("cat");
        });
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.MISSING_LABEL_FILE);
            assertThat(issue.itemType()).isEqualTo("image");
            assertThat(issue.itemId()).isEqualTo(loose.id());
            assertThat(issue.file()).isEqualTo("loose.png");
            assertThat(issue.message()).contains("not in a class folder").contains("<class>/loose.png");
        });
    }

    @Test
    void ignoresNonImageAndHiddenFilesAndLabelsNestedImagesByTheirTopFolder() throws IOException {
        writeImage(tmp.resolve("dog/sub/deep.png"));
        writeImage(tmp.resolve("dog/._resource-fork.png"));
        writeImage(tmp.resolve(".thumbnails/x.png"));
        Files.writeString(tmp.resolve("dog/notes.txt"), "not an image");
        Files.createDirectories(tmp.resolve("zebra"));
        CollectingSink sink = new CollectingSink();
        new ClassFolderImporter(tmp).read(sink);

        // An empty class folder is still a class: a class with no example is worth seeing.
        assertThat(sink.categories).extracting(Category::name).containsExactly("dog", "zebra");
        assertThat(sink.images).extracting(ImageRecord::path).containsExactly("dog/sub/deep.png");
        assertThat(sink.annotations).singleElement()
                .satisfies(a -> assertThat(sink.categoryName(a)).isEqualTo("dog"));
        assertThat(sink.issues).isEmpty();
    }

    @Test
    void corruptImageKeepsItsLabelAndGetsAnUnreadableIssue() throws IOException {
        writeImage(tmp.resolve("cat/good.png"));
        Files.createDirectories(tmp.resolve("cat"));
        Files.write(tmp.resolve("cat/bad.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        CollectingSink sink = new CollectingSink();
        new ClassFolderImporter(tmp).read(sink);

        Map<String, ImageRecord> byPath = sink.images.stream()
                .collect(Collectors.toMap(ImageRecord::path, Function.identity()));
        assertThat(byPath.get("cat/bad.jpg").hasSize()).isFalse();
        assertThat(sink.annotations).hasSize(2);
        assertThat(sink.issues).extracting(Issue::kind, Issue::itemId)
                .containsExactly(tuple(IssueKind.UNREADABLE_IMAGE,
                        byPath.get("cat/bad.jpg").id()));
    }

    @Test
    void missingRootIsBadInputNamingTheFolder() {
        Path missing = tmp.resolve("no-such-folder");
        assertThatThrownBy(() -> new ClassFolderImporter(missing).read(new CollectingSink()))
                .isInstanceOf(LoupeException.class)
                .hasMessageContaining(missing.toString())
                .satisfies(e -> assertThat(((LoupeException) e).reason()).isEqualTo(LoupeException.Reason.BAD_INPUT));
    }

    @Test
    void rootWithoutImagesIsBadInputNamingTheFolder() throws IOException {
        Files.createDirectories(tmp.resolve("cat"));
        Files.writeString(tmp.resolve("cat/readme.txt"), "no images here");
        CollectingSink sink = new CollectingSink();
        assertThatThrownBy(() -> new ClassFolderImporter(tmp).read(sink))
                .isInstanceOf(LoupeException.class)
                .hasMessageContaining("no image files under " + tmp.toAbsolutePath().normalize());
        assertThat(sink.categories).isEmpty();
    }

    /** train/<class>/, val/<class>/ and test/<class>/ became classes "train", "val" and "test". */
    @Test
    void splitFoldersAboveClassFoldersGiveSplitsAndTheClassesBelow() throws IOException {
        for (String path : new String[] {"train/cat/1.png", "train/cat/2.png", "train/dog/3.png", "Valid/cat/4.png",
            "Valid/dog/sub/5.png", "TEST/bird/6.png", "test-notes/x.txt"}) {
            if (path.endsWith(".png")) {
                writeImage(tmp.resolve(path));
            } else {
                Files.createDirectories(tmp.resolve(path).getParent());
                Files.writeString(tmp.resolve(path), "not an image");
            }
        }
        Files.createDirectories(tmp.resolve("train/horse"));
        CollectingSink sink = new CollectingSink();
        ClassFolderImporter importer = new ClassFolderImporter(tmp);
        importer.read(sink);

        // "test-notes" holds no image and is not named like a split: a class folder without a split (mixed).
        assertThat(sink.categories).extracting(Category::name).containsExactly("bird", "cat", "dog", "horse", "test-notes");
        assertThat(sink.images).extracting(ImageRecord::path, ImageRecord::split).containsExactly(
                tuple("TEST/bird/6.png", "test"), tuple("Valid/cat/4.png", "val"), tuple("Valid/dog/sub/5.png", "val"),
                tuple("train/cat/1.png", "train"), tuple("train/cat/2.png", "train"), tuple("train/dog/3.png", "train"));
        assertThat(sink.annotations).extracting(a -> sink.image(a.imageId()).path(), sink::categoryName).containsExactly(
                tuple("TEST/bird/6.png", "bird"), tuple("Valid/cat/4.png", "cat"), tuple("Valid/dog/sub/5.png", "dog"),
                tuple("train/cat/1.png", "cat"), tuple("train/cat/2.png", "cat"), tuple("train/dog/3.png", "dog"));
        assertThat(sink.issues).isEmpty();
        assertThat(importer.layout()).isEqualTo("3 splits (train, val, test), 5 classes; split folders read as TEST as test, "
                + "Valid as val; mixed layout: test-notes is a class folder beside the split folders, imported without a split");
    }

    @Test
    void aSplitFolderWithoutClassFoldersHoldsUnlabelledImagesOfThatSplit() throws IOException {
        writeImage(tmp.resolve("train/cat/1.png"));
        writeImage(tmp.resolve("test/2.png"));
        CollectingSink sink = new CollectingSink();
        ClassFolderImporter importer = new ClassFolderImporter(tmp);
        importer.read(sink);

        assertThat(sink.categories).extracting(Category::name).containsExactly("cat");
        assertThat(sink.images).extracting(ImageRecord::path, ImageRecord::split)
                .containsExactly(tuple("test/2.png", "test"), tuple("train/cat/1.png", "train"));
        assertThat(sink.annotations).singleElement().satisfies(a -> assertThat(sink.categoryName(a)).isEqualTo("cat"));
        assertThat(sink.issues).singleElement().satisfies(issue -> {
            assertThat(issue.kind()).isEqualTo(IssueKind.MISSING_LABEL_FILE);
            assertThat(issue.file()).isEqualTo("test/2.png");
            assertThat(issue.message()).isEqualTo("image lies directly in split folder test, not in a class folder, so it has "
                    + "no label; imported unlabelled; expected test/<class>/2.png");
        });
        assertThat(importer.layout()).isEqualTo("2 splits (train, test), 1 class; test holds no class folder: its images are "
                + "imported unlabelled");
    }

    /** Folders named like splits that hold images directly (no sub-folder anywhere) are classes, as before. */
    @Test
    void splitNamesWithoutFoldersBelowAreClasses() throws IOException {
        writeImage(tmp.resolve("train/1.png"));
        writeImage(tmp.resolve("test/2.png"));
        CollectingSink sink = new CollectingSink();
        ClassFolderImporter importer = new ClassFolderImporter(tmp);
        importer.read(sink);

        assertThat(sink.categories).extracting(Category::name).containsExactly("test", "train");
        assertThat(sink.images).extracting(ImageRecord::split).containsOnlyNulls();
        assertThat(sink.annotations).hasSize(2);
        assertThat(importer.layout()).isEqualTo("2 classes (one folder each), no split folders");
    }

    private static void writeImage(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }
}
