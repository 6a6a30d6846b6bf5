package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoTextTest {
    /** A classification project's object metrics have no value: info printed a row of dashes for each. */
    @Test
    void metricsWithoutAnyValueGetNoRow(@TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("images");
        for (String cls : List.of("cat", "dog")) {
            Files.createDirectories(images.resolve(cls));
            ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", images.resolve(cls).resolve("a.png").toFile());
        }
        Path project = tmp.resolve("p");
        assertThat(CliRun.of("init", project.toString(), "--images", images.toString(), "--folders").exitCode()).isZero();
        CliRun analyze = CliRun.of("analyze", project.toString(), "--metrics", "image.width,annotation.area,annotation.width");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        CliRun info = CliRun.of("info", project.toString());
        assertThat(info.out()).contains("Image metrics (IQR outliers").contains("  image.width ")
                .doesNotContain("Annotation metrics (IQR").doesNotContain("annotation.area").doesNotContain("annotation.width");
    }
}
