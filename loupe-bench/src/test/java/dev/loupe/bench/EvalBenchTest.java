package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 'loupe bench eval --command' writes its synthetic boxes as files, imports them and runs the real
 * 'loupe eval' in a JVM of its own: the AP that command prints must be the in-memory evaluation's,
 * or the two timings would not be of the same work. The timings belong to the benchmark.
 */
class EvalBenchTest {
    @Test
    void theWholeCommandEvaluatesTheSameBoxes() {
        BenchRun run = BenchRun.of("eval", "--images", "30", "--detections", "12", "--ground-truths", "4",
                "--classes", "5", "--repeat", "1", "--command");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("AP printed (\\S+) \\(evaluate (\\S+)\\)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(m.group(1)).isEqualTo(m.group(2));
        assertThat(Double.parseDouble(m.group(2))).isBetween(0.05, 0.95);
        assertThat(run.out()).contains("the whole command in its own JVM", "x evaluate");
    }
}
