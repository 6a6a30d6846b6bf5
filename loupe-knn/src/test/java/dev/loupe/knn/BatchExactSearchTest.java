package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatchExactSearchTest {
    @Test
    void equalsExactSearchToTheBitOverAnOddNumberOfRows() {
        Vectors v = Vectors.forSimilarity(IvfIndexTest.clustered(1001, 13, 20, 0.7f, 5));
        float[][] queries = new float[600][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = v.row(i * 7 % 1001);
        }
        BatchExactSearch batch = new BatchExactSearch(queries, 10);
        for (int i = 0; i < v.size(); i++) {
            batch.accept(v.row(i));
        }
        Neighbours[] got = batch.result();
        ExactIndex exact = new ExactIndex(v);
        for (int i = 0; i < queries.length; i++) {
            Neighbours want = exact.search(queries[i], 10, null);
            assertThat(got[i].rows()).containsExactly(want.rows());
            assertThat(got[i].similarities()).containsExactly(want.similarities());
        }
    }
}
