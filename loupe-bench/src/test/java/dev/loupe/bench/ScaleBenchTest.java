package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ScaleBenchTest {
    @Test
    void indexBuildIsTheTimeEmbedPrintsForItsStoredIndex() {
        String embedOut = "Embedded 10000 of 10000 images and 106651 objects with fallback in 120.3 s (12.1 crops/s, 2 threads); 0 failures\n"
                + "k-NN index of the objects vectors stored in /tmp/p/index in 7.4 s.\n";
        assertThat(ScaleBench.indexBuild(embedOut)).isEqualTo("index build (IVF, objects vectors, within embed): 7.4 s");
    }

    @Test
    void noIndexLineSaysTheSetsWereSearchedExactly() {
        assertThat(ScaleBench.indexBuild("Embedded 10 of 10 images and 30 objects with fallback in 1.0 s\n"))
                .startsWith("index build: none").contains("100000 vectors");
    }
}
