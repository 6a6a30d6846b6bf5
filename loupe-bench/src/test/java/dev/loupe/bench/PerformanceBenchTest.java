package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** 'loupe bench performance' runs and finds the workload's planted weak slice; the timings belong to the benchmark. */
class PerformanceBenchTest {
    @Test
    void printsARowPerSizeWithThePlantedSlice() {
        BenchRun run = BenchRun.of("performance", "--items", "800,1600", "--repeat", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("worst slice found", "scan = one pass").doesNotContain("NaN");
        assertThat(run.out().lines().filter(l -> l.matches("\\s+(800|1600)\\s.*recall.*")).count()).isEqualTo(2);
        assertThat(BenchRun.of("performance", "--items", "10").exitCode()).isEqualTo(2);
    }
}
