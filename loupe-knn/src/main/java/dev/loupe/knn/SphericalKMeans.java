package dev.loupe.knn;

import java.util.SplittableRandom;

/**
 * Spherical k-means (cosine on unit vectors, Dhillon and Modha 2001): each row goes to the most
 * similar centre, each centre becomes the unit-length mean of its rows. Starts from {@code count}
 * distinct rows (the first of {@code ids}, which the caller shuffles); a centre left without rows
 * restarts at a random row. Deterministic for a seed, whatever the thread count.
 */
final class SphericalKMeans {
    /** Reads row {@code id} into {@code dst}. */
    interface Rows {
        void read(int id, float[] dst);
    }

    private SphericalKMeans() {
    }

    /** Centres (row-major, {@code count} × d) of the rows {@code ids} after {@code iterations} rounds, on {@code threads} threads. */
    static float[] train(Rows rows, int[] ids, int d, int count, int iterations, int threads, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = ids.length;
        float[] centres = new float[count * d];
        float[] v = new float[d];
        for (int c = 0; c < count; c++) {
            rows.read(ids[c % m], v);
            System.arraycopy(v, 0, centres, c * d, d);
        }
        int[] assigned = new int[m];
        for (int it = 0; it < iterations; it++) {
            Centroids table = new Centroids(centres, count, d);
            assign(rows, ids, table, threads, assigned);
            float[] sums = new float[count * d];
            int[] sizes = new int[count];
            for (int i = 0; i < m; i++) {
                int c = assigned[i];
                sizes[c]++;
                rows.read(ids[i], v);
                for (int k = 0; k < d; k++) {
                    sums[c * d + k] += v[k];
                }
            }
            for (int c = 0; c < count; c++) {
                float[] mean = new float[d];
                if (sizes[c] == 0) {
                    rows.read(ids[random.nextInt(m)], mean);
                } else {
                    System.arraycopy(sums, c * d, mean, 0, d);
                }
                System.arraycopy(Vectors.unit(mean), 0, centres, c * d, d);
            }
        }
        return centres;
    }

    /** The most similar centre of each of the rows {@code ids}, into {@code out}, two rows at a time. */
    static void assign(Rows rows, int[] ids, Centroids table, int threads, int[] out) {
        int d = table.dimension;
        Workers.forChunks(ids.length, 256, threads, (w, from, to) -> {
            float[] a = new float[d];
            float[] b = new float[d];
            float[] sa = new float[table.count];
            float[] sb = new float[table.count];
            for (int i = from; i < to; i += 2) {
                int j = Math.min(i + 1, to - 1);
                rows.read(ids[i], a);
                rows.read(ids[j], b);
                table.similarities(a, b, sa, sb);
                out[i] = Centroids.argmax(sa, table.count);
                out[j] = Centroids.argmax(sb, table.count);
            }
        });
    }
}
