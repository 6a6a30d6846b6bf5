package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * 'loupe bench embed --knn-only' measures the indexes asked for against exact search over vectors
 * generated into a file: below 4 096 vectors the IVF index scores every row, so its recall must be
 * 1; an unknown index name is a usage error.
 */
class KnnSectionTest {
    @Test
    void theIvfRowOfASmallIndexHasFullRecallAndOnlyTheIndexesAskedForAreBuilt() {
        BenchRun run = BenchRun.of("embed", "--knn-only", "--vectors", "3000", "--dim", "16", "--queries", "30", "--indexes", "ivf");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("IVF +build +\\S+ s .* recall@10 (\\S+)").matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(m.group(1)).isEqualTo("1.000");
        assertThat(run.out()).contains("n = 3,000", "build CPU time").doesNotContain("own HNSW    build", "Lucene HNSW build");
    }

    @Test
    void anUnknownIndexIsAUsageError() {
        BenchRun run = BenchRun.of("embed", "--knn-only", "--vectors", "100", "--indexes", "ivf,faiss");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("faiss");
    }
}
