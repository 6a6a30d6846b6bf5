package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTextTest {
    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertThat(TerminalText.safe("cat")).isEqualTo("cat");
        assertThat(TerminalText.safe("\u001b[2Jevil\nline\tx\r\u007f\u009b")).isEqualTo("\\x1B[2Jevil\\nline\\tx\\r\\x7F\\x9B");
        assertThat(TerminalText.safe("é ü 猫")).isEqualTo("é ü 猫");
        assertThat(TerminalText.safe(null)).isNull();
    }

    /** A class name with an escape sequence and a newline was printed raw by info (clear screen, broken table). */
    @Test
    void infoPrintsClassNamesAndIssueLocationsEscaped(@TempDir Path tmp) throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.copy(CliRun.shared().resolve("data/voc100/images/2007_000027.jpg"), images.resolve("a.jpg"));
        Path coco = Files.writeString(tmp.resolve("c.json"), "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\", \"width\": 486, "
                + "\"height\": 500}, {\"id\": 2, \"file_name\": \"gone\\u001b[2J.jpg\", \"width\": 4, \"height\": 4}], "
                + "\"categories\": [{\"id\": 1, \"name\": \"c\\u001b[31mat\\nx\"}], \"annotations\": [{\"id\": 1, \"image_id\": 1, "
                + "\"category_id\": 1, \"bbox\": [1, 1, 5, 5]}]}");
        Path project = tmp.resolve("p");
        CliRun init = CliRun.of("init", project.toString(), "--images", images.toString(), "--coco", coco.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        CliRun info = CliRun.of("info", project.toString());
        assertThat(info.out()).doesNotContain("\u001b").contains("c\\x1B[31mat\\nx").contains("gone\\x1B[2J.jpg");
    }
}
