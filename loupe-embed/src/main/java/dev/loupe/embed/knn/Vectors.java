package dev.loupe.embed.knn;

/**
 * Unit-length vectors stored row-major in one float array, so that cosine similarity is a dot
 * product. A zero vector stays zero (similarity 0 to everything).
 */
public final class Vectors {
    private final float[] data;
    private final int n;
    private final int d;

    private Vectors(float[] data, int n, int d) {
        this.data = data;
        this.n = n;
        this.d = d;
    }

    /** Copies and normalises the vectors (all of one length). */
    public static Vectors normalised(float[][] vectors) {
        int n = vectors.length;
        int d = n == 0 ? 0 : vectors[0].length;
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (vectors[i].length != d) {
                throw new IllegalArgumentException("vector " + i + " has " + vectors[i].length + " values, expected " + d);
            }
            float[] u = unit(vectors[i]);
            System.arraycopy(u, 0, data, i * d, d);
        }
        return new Vectors(data, n, d);
    }

    /** A unit-length copy (zero stays zero). */
    public static float[] unit(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        float[] u = new float[v.length];
        if (s > 0) {
            float inv = (float) (1 / Math.sqrt(s));
            for (int i = 0; i < v.length; i++) {
                u[i] = v[i] * inv;
            }
        }
        return u;
    }

    public int size() {
        return n;
    }

    public int dimension() {
        return d;
    }

    /** Cosine similarity of rows i and j. */
    public float dot(int i, int j) {
        float s = 0;
        int a = i * d;
        int b = j * d;
        for (int k = 0; k < d; k++) {
            s += data[a + k] * data[b + k];
        }
        return s;
    }

    /** Cosine similarity of row i and a unit query. */
    public float dot(int i, float[] q) {
        float s = 0;
        int a = i * d;
        for (int k = 0; k < d; k++) {
            s += data[a + k] * q[k];
        }
        return s;
    }

    /** A copy of row i. */
    public float[] row(int i) {
        float[] r = new float[d];
        System.arraycopy(data, i * d, r, 0, d);
        return r;
    }

    /** Bytes held by the vectors. */
    public long bytes() {
        return 4L * data.length;
    }
}
