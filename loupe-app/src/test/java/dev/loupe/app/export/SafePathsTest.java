package dev.loupe.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An export writes only under OUT, whatever paths and names the data holds. */
class SafePathsTest {
    @TempDir
    Path tmp;

    @Test
    void dataPathsAreRewrittenToStayInside() {
        assertThat(OutputFolder.sanitise("a/b.jpg")).isEqualTo("a/b.jpg");
        assertThat(OutputFolder.sanitise("../../etc/passwd")).isEqualTo("__/__/etc/passwd");
        assertThat(OutputFolder.sanitise("/etc/abs.jpg")).isEqualTo("etc/abs.jpg");
        assertThat(OutputFolder.sanitise("C:\\data\\x.jpg")).isEqualTo("C_/data/x.jpg");
        assertThat(OutputFolder.sanitise("./a//b/./c.jpg")).isEqualTo("a/b/c.jpg");
        assertThat(OutputFolder.sanitise("a\u0000b/..")).isEqualTo("a_b/__");
        assertThat(OutputFolder.sanitise("")).isEqualTo("_");
        assertThat(OutputFolder.safeName("../set name")).isEqualTo(".._set_name");
        assertThat(OutputFolder.safeName("..")).isEqualTo("_..");
    }

    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"COCO", "YOLO", "VOC"})
    void hostileImagePathsAndClassNamesWriteNothingOutside(ExportFormat format) throws IOException {
        Path project = hostileProject();
        Path out = tmp.resolve("box/out");
        List<Path> before;
        try (Stream<Path> all = Files.walk(tmp)) {
            before = all.filter(Files::isRegularFile).toList();
        }
        ExportResult r;
        try (ProjectStore store = ProjectStore.open(project)) {
            r = new Exporter(store, IssueRules.defaults()).run(new ExportRequest(format, ItemFilter.all(Scope.IMAGE), null,
                    ImageMode.COPY, SplitPlan.parse("train=0.5,holdout=0.5", 1, false), out, false));
        }
        try (Stream<Path> all = Files.walk(tmp)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !before.contains(p)))
                    .allMatch(p -> p.normalize().startsWith(out)).isNotEmpty();
        }
        assertThat(r.pathsRewritten()).isEqualTo(3);
        assertThat(r.imageFiles()).isEqualTo(1);
        assertThat(r.losses()).contains(new Losses.Loss(ImagePlacer.REFUSED, 3));
        assertThat(r.files()).allMatch(f -> !f.contains("..") && !f.startsWith("/"));
        // a split the YOLO reader has no list for keeps its folders, not a list it would read as a label file
        assertThat(r.files()).doesNotContain("labels/holdout.txt");
    }

    @Test
    void aLinkPlantedInsideOutIsNotFollowed() throws IOException {
        Path project = hostileProject();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.createSymbolicLink(out.resolve("images"), outside);
        try (ProjectStore store = ProjectStore.open(project)) {
            Exporter e = new Exporter(store, IssueRules.defaults());
            ExportRequest noForce = new ExportRequest(ExportFormat.COCO, ItemFilter.all(Scope.IMAGE), null, ImageMode.COPY, null, out, false);
            assertThatThrownBy(() -> e.run(noForce)).isInstanceOf(LoupeException.class)
                    .hasMessageContaining("is not empty").hasMessageContaining("--force");
            ExportRequest force = new ExportRequest(ExportFormat.COCO, ItemFilter.all(Scope.IMAGE), null, ImageMode.COPY, null, out, true);
            assertThatThrownBy(() -> e.run(force)).isInstanceOf(LoupeException.class)
                    .hasMessageContaining("is a link inside the output folder");
        }
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    /** Images at ../evil.jpg, an absolute path, sub/../../x.jpg and ok/fine.jpg (the only real file); a class named ../../cls. */
    private Path hostileProject() throws IOException {
        Path images = Files.createDirectories(tmp.resolve("images/ok"));
        ImageIO.write(new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB), "jpg", images.resolve("fine.jpg").toFile());
        Files.writeString(tmp.resolve("evil.jpg"), "not to be copied");
        Path project = tmp.resolve("project-" + System.nanoTime());
        List<String> paths = List.of("../evil.jpg", "/etc/hostname", "sub/../../x.jpg", "ok/fine.jpg");
        ProjectStore.create(project, new ImportSource("coco", tmp.resolve("images"), null, Map.of()), sink -> {
            sink.category(new Category(1, "../../cls", null, null));
            for (int i = 0; i < paths.size(); i++) {
                sink.image(new ImageRecord(i + 1, paths.get(i), 8, 6, "jpeg", null, 10, null));
                sink.annotation(Annotation.of(i + 1, i + 1, 1, new Geometry.BoxShape(new Box(1, 1, 2, 2)), null));
            }
        });
        return project;
    }
}
