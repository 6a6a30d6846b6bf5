package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe metrics export} to CSV: spreadsheet formulas defused, integer metrics as integers. */
class MetricsExportTest {
    @Test
    void formulaCellsAreDefusedAndIntegersHaveNoDecimals(@TempDir Path tmp) throws Exception {
        Path images = tmp.resolve("images");
        for (String cls : List.of("=HYPERLINK(\"x\")", "cat")) {
            Files.createDirectories(images.resolve(cls));
            ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", images.resolve(cls).resolve("@a.png").toFile());
        }
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", images.toString(), "--folders");
        assertThat(init.exitCode()).as(init.err()).isZero();
        CliRun analyze = CliRun.of("analyze", project.toString(), "--metrics", "image.width,image.object_count,annotation.area");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        Path csv = tmp.resolve("images.csv");
        CliRun export = CliRun.of("metrics", "export", project.toString(), "--scope", "image", "-o", csv.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(Files.readAllLines(csv)).containsExactly(
                "image_id,path,split,width,height,image.object_count,image.width",
                "1,\"'=HYPERLINK(\"\"x\"\")/@a.png\",,3,2,1,3",
                "2,cat/@a.png,,3,2,1,3");
        Path annotations = tmp.resolve("annotations.csv");
        assertThat(CliRun.of("metrics", "export", project.toString(), "--scope", "annotation", "-o", annotations.toString())
                .exitCode()).isZero();
        assertThat(Files.readAllLines(annotations).get(1)).startsWith("1,1,\"'=HYPERLINK(\"\"x\"\")/@a.png\",\"'=HYPERLINK(");
    }
}
