package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IvfIndexTest {
    @TempDir
    Path tmp;

    /** n points around {@code centres} Gaussian centres, signs mixed (so only normalised). */
    static float[][] clustered(int n, int d, int centres, float noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] c = new float[centres][d];
        for (float[] centre : c) {
            for (int k = 0; k < d; k++) {
                centre[k] = (float) r.nextGaussian();
            }
        }
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            float[] centre = c[r.nextInt(centres)];
            for (int k = 0; k < d; k++) {
                rows[i][k] = centre[k] + noise * (float) r.nextGaussian();
            }
        }
        return rows;
    }

    private IvfIndex built(Vectors v, String name, IvfIndex.Params params) throws IOException {
        IvfIndex.build(v, tmp.resolve(name), params, 2, Map.of("who", name));
        return IvfIndex.open(tmp.resolve(name));
    }

    @Test
    void recallAtTenAgainstExactSearchWithExactSimilaritiesAndExclusions() throws IOException {
        Vectors v = Vectors.forSimilarity(clustered(20_000, 48, 200, 0.7f, 7));
        ExactIndex exact = new ExactIndex(v);
        try (IvfIndex index = built(v, "idx", IvfIndex.Params.DEFAULT)) {
            assertThat(index.size()).isEqualTo(20_000);
            assertThat(index.lists()).as("about sqrt(n) lists").isBetween(120, 165);
            assertThat(index.userData()).containsEntry("who", "idx");
            int found = 0;
            int queries = 0;
            for (int row = 0; row < 20_000; row += 97) {
                int self = row;
                java.util.function.IntPredicate skip = i -> i == self || i % 7 == 0;
                Neighbours want = exact.search(v.row(row), 10, skip);
                Neighbours got = index.search(index.vector(row), 10, skip);
                assertThat(got.size()).isEqualTo(10);
                for (int i = 0; i < got.size(); i++) {
                    int r = got.rows()[i];
                    assertThat(skip.test(r)).as("excluded row %d returned", r).isFalse();
                    assertThat(got.similarities()[i]).as("re-ranked by the raw vectors, to the bit").isEqualTo(v.dot(r, v.row(row)));
                    for (int w : want.rows()) {
                        found += w == r ? 1 : 0;
                    }
                }
                queries++;
            }
            assertThat(found / (10.0 * queries)).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void moreNeighboursThanRowsGivesEveryRowInExactOrder() throws IOException {
        Vectors v = Vectors.forSimilarity(clustered(7, 5, 2, 0.5f, 3));
        try (IvfIndex index = built(v, "small", new IvfIndex.Params(50, 1, 1, 5, 1))) {
            assertThat(index.lists()).as("no more lists than rows").isEqualTo(7);
            for (int row = 0; row < 7; row++) {
                Neighbours want = new ExactIndex(v).search(v.row(row), 20, null);
                Neighbours got = index.search(v.row(row), 20, null);
                assertThat(got.rows()).containsExactly(want.rows());
                assertThat(got.similarities()).containsExactly(want.similarities());
            }
            assertThat(index.search(v.row(0), 20, i -> i < 3).rows()).containsExactlyInAnyOrder(3, 4, 5, 6);
        }
    }

    @Test
    void aZeroVectorIsIndexedAndAZeroQueryGetsSimilarityZero() throws IOException {
        float[][] rows = clustered(500, 16, 5, 0.5f, 11);
        rows[123] = new float[16];
        Vectors v = Vectors.forSimilarity(rows);
        try (IvfIndex index = built(v, "zero", new IvfIndex.Params(8, 8, 50, 5, 1))) {
            assertThat(index.vector(123)).containsOnly(0f);
            Neighbours nn = index.search(new float[16], 10, null);
            assertThat(nn.size()).isEqualTo(10);
            assertThat(nn.similarities()).containsOnly(0f);
            // probing every list, the zero row scores 0 like the exact search's
            Neighbours all = index.search(v.row(5), 500, null, 8);
            int at = java.util.Arrays.stream(all.rows()).boxed().toList().indexOf(123);
            assertThat(all.similarities()[at]).isEqualTo(0f);
        }
    }

    @Test
    void rawQueriesArePreparedAsTheIndexedVectorsWere() throws IOException {
        Vectors v = Vectors.forSimilarity(new float[][] {{4, 0, 0}, {0, 9, 0}, {1, 1, 0}});
        try (IvfIndex index = built(v, "root", IvfIndex.Params.DEFAULT)) {
            assertThat(index.powerNormalised()).isTrue();
            float[] q = index.query(new float[] {4, 1, 0});
            assertThat(q[0]).isEqualTo((float) (2 / Math.sqrt(5)));
            assertThat(index.search(q, 3, null).rows()).containsExactly(2, 0, 1);
        }
    }

    @Test
    void aBuildReplacesTheOldIndexAndLeavesNoPartialFolder() throws IOException {
        Vectors a = Vectors.forSimilarity(clustered(300, 8, 3, 0.5f, 1));
        Vectors b = Vectors.forSimilarity(clustered(200, 8, 3, 0.5f, 2));
        IvfIndex.build(a, tmp.resolve("idx"), IvfIndex.Params.DEFAULT, 1, Map.of("run", "1"));
        IvfIndex.build(b, tmp.resolve("idx"), IvfIndex.Params.DEFAULT, 1, Map.of("run", "2"));
        try (IvfIndex index = IvfIndex.open(tmp.resolve("idx"))) {
            assertThat(index.size()).isEqualTo(200);
            assertThat(index.userData()).isEqualTo(Map.of("run", "2"));
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("idx");
        }
    }

    @Test
    void aTruncatedFileIsNamedInTheError() throws IOException {
        Vectors v = Vectors.forSimilarity(clustered(300, 8, 3, 0.5f, 1));
        IvfIndex.build(v, tmp.resolve("idx"), IvfIndex.Params.DEFAULT, 1, Map.of());
        Path codes = tmp.resolve("idx").resolve(IvfIndex.CODES);
        try (FileChannel ch = FileChannel.open(codes, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 5);
        }
        assertThatThrownBy(() -> IvfIndex.open(tmp.resolve("idx")))
                .isInstanceOf(IOException.class).hasMessageContaining(codes.toString()).hasMessageContaining("truncated");
    }

    @Test
    void aHeaderOfAnotherVersionOrMissingIsNamedInTheError() throws IOException {
        Vectors v = Vectors.forSimilarity(clustered(100, 8, 3, 0.5f, 1));
        IvfIndex.build(v, tmp.resolve("idx"), IvfIndex.Params.DEFAULT, 1, Map.of());
        Path header = tmp.resolve("idx").resolve(IvfIndex.HEADER);
        Files.writeString(header, Files.readString(header).replace("version=1", "version=7"));
        assertThatThrownBy(() -> IvfIndex.open(tmp.resolve("idx")))
                .isInstanceOf(IOException.class).hasMessageContaining(header.toString()).hasMessageContaining("version 7");
        Files.delete(header);
        assertThatThrownBy(() -> IvfIndex.open(tmp.resolve("idx")))
                .isInstanceOf(IOException.class).hasMessageContaining(header.toString()).hasMessageContaining("missing");
    }

    @Test
    void anEmptyIndexFindsNothing() throws IOException {
        IvfIndex.build(sink -> { }, false, tmp.resolve("empty"), IvfIndex.Params.DEFAULT, 1, Map.of());
        try (IvfIndex index = IvfIndex.open(tmp.resolve("empty"))) {
            assertThat(index.size()).isZero();
            assertThat(index.search(new float[3], 5, null).size()).isZero();
        }
    }
}
