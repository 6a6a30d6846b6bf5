package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loupe report}: what the file holds, escaping, options. (ReportBrowserTest opens one in Chromium.) */
class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void namesFromTheDataAreEscapedAndTheFileIsWholeOrAbsent() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 3; i++) {
            ImageIO.write(new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB), "png", images.resolve("i" + i + ".png").toFile());
        }
        Path coco = tmp.resolve("c.json");
        Files.writeString(coco, """
                {"images":[{"id":1,"file_name":"i0.png","width":32,"height":24},{"id":2,"file_name":"i1.png","width":32,"height":24},
                {"id":3,"file_name":"i2.png","width":32,"height":24}],
                "annotations":[{"id":1,"image_id":1,"category_id":1,"bbox":[2,2,10,10],"area":100,"iscrowd":0},
                {"id":2,"image_id":2,"category_id":1,"bbox":[4,4,0,0],"area":0,"iscrowd":0}],
                "categories":[{"id":1,"name":"<img src=x onerror=alert(1)>"}]}""");
        Path project = tmp.resolve("p");
        assertThat(CliRun.of("init", project.toString(), "--images", images.toString(), "--coco", coco.toString()).exitCode())
                .isZero();
        Path html = tmp.resolve("r/report.html");
        CliRun r = CliRun.of("report", project.toString(), "-o", html.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Wrote " + html).contains("Summary, Issues, Outliers, Metric distributions, Label errors");
        String doc = Files.readString(html);
        assertThat(doc).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("Content-Security-Policy").contains("degenerate").doesNotContain("http://").doesNotContain("https://");
        assertThat(doc).as("no evaluation section without a prediction set").doesNotContain("id=\"evaluation\"");
        try (var files = Files.list(html.getParent())) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(html);
        }

        CliRun noExamples = CliRun.of("report", project.toString(), "-o", html.toString(), "--examples", "0", "--label-issues", "0");
        assertThat(noExamples.out()).contains("0 thumbnails");
        assertThat(Files.readString(html)).doesNotContain("data:image/jpeg");
        CliRun bad = CliRun.of("report", project.toString(), "-o", html.toString(), "--thumbnail", "9999");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("thumbnail side 64 to 512");
        CliRun noSet = CliRun.of("report", project.toString(), "-o", html.toString(), "--set", "nope");
        assertThat(noSet.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noSet.err()).contains("no prediction set named \"nope\"");
    }
}
