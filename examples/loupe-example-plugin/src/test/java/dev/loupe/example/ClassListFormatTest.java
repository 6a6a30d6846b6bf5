package dev.loupe.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.ImportRequest;
import dev.loupe.testkit.DatasetEvents;
import dev.loupe.testkit.DatasetFormatContractTest;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-list format passes Loupe's importer contract, and reads a list as written by hand. */
class ClassListFormatTest extends DatasetFormatContractTest {
    @TempDir
    Path tmp;

    @Override
    protected DatasetFormat format() {
        return new ClassListFormat();
    }

    @Override
    protected ImportRequest fixture(Path dir) throws IOException {
        png(dir.resolve("images/a.png"), 4, 3);
        png(dir.resolve("images/sub/b.png"), 2, 5);
        Path list = Files.createDirectories(dir).resolve("list.csv");
        Files.writeString(list, "a.png,cat\nsub/b.png,dog\n");
        return new ImportRequest(dir.resolve("images"), list, null);
    }

    @Override
    protected BadInput badInput(Path dir) throws IOException {
        png(dir.resolve("images/a.png"), 4, 3);
        Path list = Files.createDirectories(dir).resolve("broken.csv");
        Files.writeString(list, "a.png;cat\n");
        return new BadInput(new ImportRequest(dir.resolve("images"), list, null), list);
    }

    @Test
    void readsEachLineAsOneImageLabelAndReportsABadLineWithItsNumber() throws IOException {
        png(tmp.resolve("images/a.png"), 4, 3);
        png(tmp.resolve("images/b.png"), 6, 2);
        Path list = Files.writeString(tmp.resolve("list.csv"), "a.png,cat\n\nb.png, dog \nc.png\n");
        DatasetEvents events = new DatasetEvents();
        new ClassListFormat().open(new ImportRequest(tmp.resolve("images"), list, null)).read(events);

        assertThat(events.of(Category.class)).extracting(Category::id, Category::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "cat"), org.assertj.core.groups.Tuple.tuple(2, "dog"));
        assertThat(events.of(ImageRecord.class)).extracting(ImageRecord::path, ImageRecord::width, ImageRecord::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.png", 4, 3), org.assertj.core.groups.Tuple.tuple("b.png", 6, 2));
        assertThat(events.of(Annotation.class)).extracting(Annotation::imageId, Annotation::categoryId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1), org.assertj.core.groups.Tuple.tuple(2L, 2));
        assertThat(events.of(Issue.class)).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(IssueKind.MALFORMED_FILE);
            assertThat(i.file()).isEqualTo("list.csv");
            assertThat(i.location()).isEqualTo("line 4");
        });
    }

    private static void png(Path file, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }
}
