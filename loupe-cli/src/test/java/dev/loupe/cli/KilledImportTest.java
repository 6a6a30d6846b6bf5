package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.testkit.SyntheticCoco;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 during 'loupe init' leaves no project (not even a half-written one); the next init succeeds. */
class KilledImportTest {
    @TempDir
    Path tmp;

    @Test
    void killedInitLeavesNothingAndCanBeRunAgain() throws Exception {
        Path json = SyntheticCoco.write(tmp.resolve("data"), 2000, 400_000);
        Path project = tmp.resolve("proj");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), Loupe.class.getName(),
                "init", project.toString(), "--images", tmp.resolve("data/images").toString(), "--coco", json.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        // Kill once the import has started writing its hidden partial folder.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!partialExists() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
        assertThat(p.isAlive()).as("import still running when killed: " + Files.readString(tmp.resolve("log.txt"))).isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL on Linux
        assertThat(project).doesNotExist();

        CliRun again = CliRun.of(cmd.subList(4, cmd.size()).toArray(String[]::new));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("2000 images, 400000 annotations, 0 issues");
        assertThat(partialExists()).as("stale partial folder removed").isFalse();
    }

    private boolean partialExists() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.anyMatch(f -> f.getFileName().toString().startsWith(".proj.partial-"));
        }
    }

}
