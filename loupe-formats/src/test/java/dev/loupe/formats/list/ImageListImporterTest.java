package dev.loupe.formats.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CollectingSink;
import dev.loupe.formats.folders.ClassFolderImporter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageListImporterTest {
    private static final Path CLASSIFICATION = CollectingSink.shared().resolve("data/encord-examples/classification");

    @TempDir
    Path tmp;

    /** Encord's classification example listed as "class/file.jpg<TAB>class": the same images and labels as its class folders. */
    @Test
    void aListOfTheClassFoldersImportsWhatTheFoldersImport() throws IOException {
        CollectingSink folders = CollectingSink.run(new ClassFolderImporter(CLASSIFICATION));
        List<String> lines = new ArrayList<>();
        for (ImageRecord image : folders.images) {
            lines.add(image.path() + "\t" + image.path().substring(0, image.path().indexOf('/')));
        }
        Path list = Files.write(tmp.resolve("images.txt"), lines);
        CollectingSink listed = CollectingSink.run(new ImageListImporter(list, CLASSIFICATION));
        assertThat(listed.issues).isEmpty();
        assertThat(listed.images).extracting(ImageRecord::path, ImageRecord::width, ImageRecord::height)
                .containsExactlyElementsOf(folders.images.stream().map(i -> tuple(i.path(), i.width(), i.height())).toList());
        Map<String, String> classOf = listed.annotations.stream()
                .collect(Collectors.toMap(a -> listed.image(a.imageId()).path(), listed::categoryName));
        Map<String, String> folderClassOf = folders.annotations.stream()
                .collect(Collectors.toMap(a -> folders.image(a.imageId()).path(), folders::categoryName));
        assertThat(classOf).isEqualTo(folderClassOf);
    }

    @Test
    void unlabelledLinesCommentsSpacesDuplicatesAndBadPaths() throws IOException {
        Path images = tmp.resolve("images");
        png(images.resolve("a.png"), 8, 6);
        png(images.resolve("my photos/b c.png"), 4, 3);
        png(images.resolve("sub/d.png"), 5, 5);
        Path list = Files.writeString(tmp.resolve("list.txt"), "\uFEFF# made by hand\n"
                + "a.png\n"
                + "\n"
                + "my photos/b c.png\n"          // spaces, no class: the whole line names a file
                + "sub\\d.png dog\n"             // a backslash, a class after the last space
                + "a.png cat\n"                  // listed again
                + "missing.png\n"
                + "../outside.png\n", StandardCharsets.UTF_8);
        CollectingSink sink = CollectingSink.run(new ImageListImporter(list, images));
        assertThat(sink.images).extracting(ImageRecord::path, ImageRecord::width)
                .containsExactly(tuple("a.png", 8), tuple("my photos/b c.png", 4), tuple("sub/d.png", 5),
                        tuple("missing.png", null), tuple("../outside.png", null));
        assertThat(sink.categories).extracting(Category::id, Category::name).containsExactly(tuple(1, "dog"));
        assertThat(sink.annotations).hasSize(1);
        assertThat(sink.image(sink.annotations.get(0).imageId()).path()).isEqualTo("sub/d.png");
        assertThat(sink.issues).extracting(Issue::kind, Issue::location).containsExactly(
                tuple(IssueKind.DUPLICATE_ID, "line 6"), tuple(IssueKind.MISSING_IMAGE_FILE, "line 7"),
                tuple(IssueKind.INVALID_VALUE, "line 8"));
        assertThat(sink.issues).allSatisfy(i -> assertThat(i.file()).isEqualTo(list.toString()));
        assertThat(sink.issues.get(0).message()).contains("a.png", "line 2");
    }

    @Test
    void aListWithoutImagesOrNotTextIsRefusedByName() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "# nothing\n\n");
        assertThatThrownBy(() -> CollectingSink.run(new ImageListImporter(empty, tmp)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("empty.txt").hasMessageContaining("names no image");
        Path binary = Files.write(tmp.resolve("binary.txt"), new byte[] {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThatThrownBy(() -> CollectingSink.run(new ImageListImporter(binary, tmp)))
                .isInstanceOf(LoupeException.class).hasMessageContaining("binary.txt").hasMessageContaining("not UTF-8");
    }

    private static void png(Path file, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }
}
