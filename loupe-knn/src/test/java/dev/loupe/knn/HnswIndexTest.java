package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HnswIndexTest {
    /** Gaussian clusters around random centres, like embeddings of a dataset with many kinds of image. */
    static float[][] clustered(int n, int d, int clusters, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centres = new float[clusters][d];
        for (float[] c : centres) {
            for (int k = 0; k < d; k++) {
                c[k] = (float) r.nextGaussian();
            }
        }
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(clusters)];
            for (int k = 0; k < d; k++) {
                out[i][k] = c[k] + 0.8f * (float) r.nextGaussian();
            }
        }
        return out;
    }

    /** Mean fraction of the exact top-k found by the index, over the given query rows. */
    static double recall(VectorIndex approx, ExactIndex exact, int k, int queries) {
        double sum = 0;
        Vectors v = exact.vectors();
        for (int q = 0; q < queries; q++) {
            int row = (int) ((long) q * v.size() / queries);
            float[] query = v.row(row);
            Set<Integer> truth = new HashSet<>();
            for (int r : exact.search(query, k, i -> i == row).rows()) {
                truth.add(r);
            }
            int hit = 0;
            for (int r : approx.search(query, k, i -> i == row).rows()) {
                hit += truth.contains(r) ? 1 : 0;
            }
            sum += (double) hit / k;
        }
        return sum / queries;
    }

    @Test
    void recallAtTenIsAtLeast95PercentOfExactSearch() {
        Vectors v = Vectors.normalised(clustered(5_000, 32, 100, 11));
        HnswIndex h = HnswIndex.build(v, HnswIndex.Params.DEFAULT, 2);
        double recall = recall(h, new ExactIndex(v), 10, 300);
        System.out.println("HNSW recall@10 on 5000 clustered 32-d vectors: " + recall);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void smallIndexFindsExactNeighbours() {
        Vectors v = Vectors.normalised(clustered(300, 8, 10, 5));
        HnswIndex h = HnswIndex.build(v, HnswIndex.Params.DEFAULT, 1);
        assertThat(recall(h, new ExactIndex(v), 5, 300)).isEqualTo(1.0);
        assertThat(h.extraBytes()).isPositive();
    }
}
