package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The job's class path: the module's, Spark's, then LOUPE_SPARK_CLASSPATH's entries (a file system connector) when set. */
class SparkAnalyzeLauncherTest {
    @Test
    void addsTheExtraClassPathAfterTheModulesAndSparks() {
        Path target = Path.of("/opt/loupe/loupe-spark/target");
        String plain = SparkAnalyzeLauncher.classPath(target, null);
        assertThat(plain.split(File.pathSeparator)).containsExactly("/opt/loupe/loupe-spark/target/classes",
                "/opt/loupe/loupe-spark/target/lib/*", "/opt/loupe/loupe-spark/target/spark-lib/*");
        assertThat(SparkAnalyzeLauncher.classPath(target, "  ")).isEqualTo(plain);
        assertThat(SparkAnalyzeLauncher.classPath(target, "/jars/hadoop-aws.jar:/jars/bundle.jar "))
                .isEqualTo(plain + File.pathSeparator + "/jars/hadoop-aws.jar:/jars/bundle.jar");
    }
}
