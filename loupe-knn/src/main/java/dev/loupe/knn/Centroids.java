package dev.loupe.knn;

/**
 * Cluster centres stored dimension-major (value k of every centre in one array), so that the
 * similarities of a row to all of them are a few loops over the centres that the JIT turns into
 * vector instructions, two rows at a time (one load of the centres' values serves both): about 5x
 * one dot product at a time. For assigning rows to lists; the sums are not ordered like
 * {@link Vectors#dot}'s (nothing returned to a caller is computed here).
 */
final class Centroids {
    private final float[][] t;
    private final float[] rowMajor;
    final int count;
    final int dimension;

    /** Centres in row-major {@code data} ({@code count} × {@code d}). */
    Centroids(float[] data, int count, int d) {
        this.count = count;
        this.dimension = d;
        rowMajor = data;
        t = new float[d][count];
        for (int c = 0; c < count; c++) {
            for (int k = 0; k < d; k++) {
                t[k][c] = data[c * d + k];
            }
        }
    }

    /** Similarities of rows {@code a} and {@code b} to every centre, into {@code sa} and {@code sb} (length {@link #count}). */
    void similarities(float[] a, float[] b, float[] sa, float[] sb) {
        java.util.Arrays.fill(sa, 0, count, 0f);
        java.util.Arrays.fill(sb, 0, count, 0f);
        for (int k = 0; k < dimension; k++) {
            float x = a[k];
            float y = b[k];
            float[] col = t[k];
            for (int j = 0; j < count; j++) {
                float c = col[j];
                sa[j] += c * x;
                sb[j] += c * y;
            }
        }
    }

    /**
     * Similarities of row {@code a} to every centre, into {@code sa}: one dot product at a time
     * ({@link Vectors#dot}'s four sums), faster than the loops across centres when they are few
     * (a group's lists: the loop across 8 centres is too short to vectorise, 3x slower at 1280-d).
     */
    void similarities(float[] a, float[] sa) {
        for (int j = 0; j < count; j++) {
            sa[j] = Vectors.dot(rowMajor, j * dimension, a, 0, dimension);
        }
    }

    /** The index of the largest value (the lowest such index on ties). */
    static int argmax(float[] s, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (s[j] > s[best]) {
                best = j;
            }
        }
        return best;
    }
}
