package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'loupe spark analyze' without the loupe-spark module built says so and how to build it (the job itself is tested in loupe-spark). */
class SparkLauncherTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingSparkModuleIsABadInputNamingTheFolderAndTheBuild() {
        String before = System.getProperty("loupe.home");
        System.setProperty("loupe.home", tmp.toString());
        try {
            CliRun r = CliRun.of("spark", "analyze", "--master", "local[2]", "--images", tmp.toString(), "--folders", "-o",
                    tmp.resolve("out").toString());
            assertThat(r.exitCode()).isEqualTo(3);
            assertThat(r.err()).contains("the Spark module is not built").contains(tmp.resolve("loupe-spark").toString())
                    .contains("mvn -B -DskipTests package").doesNotContain("Exception");
        } finally {
            if (before == null) {
                System.clearProperty("loupe.home");
            } else {
                System.setProperty("loupe.home", before);
            }
        }
    }
}
