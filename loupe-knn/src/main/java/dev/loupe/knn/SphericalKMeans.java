package dev.loupe.knn;

import java.util.SplittableRandom;

/**
 * Spherical k-means (cosine on unit vectors, Dhillon and Modha 2001): each row goes to the most
 * similar centre, each centre becomes the unit-length mean of its rows. Starts from {@code count}
 * distinct sample rows; a centre left without rows restarts at a random sample row. Deterministic
 * for a seed and thread count.
 */
final class SphericalKMeans {
    private SphericalKMeans() {
    }

    /**
     * Centres (row-major, {@code count} × d) of {@code sample} (row-major, {@code rows} × d) after
     * {@code iterations} rounds, on {@code threads} threads.
     */
    static float[] train(float[] sample, int rows, int d, int count, int iterations, int threads, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[count * d];
        for (int c = 0; c < count; c++) {
            System.arraycopy(sample, (c % rows) * d, centres, c * d, d);
        }
        int[] assigned = new int[rows];
        int workers = Math.max(1, threads);
        for (int it = 0; it < iterations; it++) {
            Centroids table = new Centroids(centres, count, d);
            Workers.forChunks(rows, 256, workers, (w, from, to) -> assign(table, sample, d, from, to, assigned));
            float[] sums = new float[count * d];
            int[] sizes = new int[count];
            for (int i = 0; i < rows; i++) {
                int c = assigned[i];
                sizes[c]++;
                for (int k = 0; k < d; k++) {
                    sums[c * d + k] += sample[i * d + k];
                }
            }
            for (int c = 0; c < count; c++) {
                float[] mean = new float[d];
                if (sizes[c] == 0) {
                    System.arraycopy(sample, random.nextInt(rows) * d, mean, 0, d);
                } else {
                    System.arraycopy(sums, c * d, mean, 0, d);
                }
                System.arraycopy(Vectors.unit(mean), 0, centres, c * d, d);
            }
        }
        return centres;
    }

    /** The most similar centre of rows {@code from} to {@code to} of the sample, into {@code out}. */
    private static void assign(Centroids table, float[] sample, int d, int from, int to, int[] out) {
        float[] a = new float[d];
        float[] b = new float[d];
        float[] sa = new float[table.count];
        float[] sb = new float[table.count];
        for (int i = from; i < to; i += 2) {
            int j = Math.min(i + 1, to - 1);
            System.arraycopy(sample, i * d, a, 0, d);
            System.arraycopy(sample, j * d, b, 0, d);
            table.similarities(a, b, sa, sb);
            out[i] = Centroids.argmax(sa, table.count);
            out[j] = Centroids.argmax(sb, table.count);
        }
    }
}
