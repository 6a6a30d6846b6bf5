package dev.loupe.knn;

/**
 * Unit-length vectors stored row-major in one float array, so that cosine similarity is a dot
 * product. A zero vector stays zero (similarity 0 to everything).
 *
 * <p>{@link #forSimilarity} is how Loupe compares embeddings: when every value of every vector is
 * non-negative (ReLU features such as the built-in MobileNetV2's), each value is square-rooted before
 * normalising ("power normalisation", as in RootSIFT, Arandjelović and Zisserman 2012), so that a few
 * large activations do not dominate; on the shared data this halves the cases where a cropped,
 * re-encoded copy of an image is not nearest to its original. Vectors with negative values (CLIP,
 * DINO) are only normalised.
 */
public final class Vectors {
    private final float[] data;
    private final int n;
    private final int d;
    private final boolean root;

    private Vectors(float[] data, int n, int d, boolean root) {
        this.data = data;
        this.n = n;
        this.d = d;
        this.root = root;
    }

    /** The vectors prepared for cosine similarity (square-rooted when all are non-negative, then normalised). */
    public static Vectors forSimilarity(float[][] vectors) {
        boolean nonNegative = true;
        for (float[] v : vectors) {
            for (float x : v) {
                nonNegative &= x >= 0;
            }
        }
        float[][] t = vectors;
        if (nonNegative) {
            t = new float[vectors.length][];
            for (int i = 0; i < t.length; i++) {
                t[i] = sqrt(vectors[i]);
            }
        }
        Vectors v = normalised(t);
        return new Vectors(v.data, v.n, v.d, nonNegative);
    }

    /** A raw query vector prepared the same way as these vectors. */
    public float[] query(float[] raw) {
        return prepare(raw, d, root);
    }

    /** Vectors over row-major {@code data} that are already prepared (unit length). */
    static Vectors of(float[] data, int n, int d, boolean root) {
        return new Vectors(data, n, d, root);
    }

    /** Whether the vectors were square-rooted before normalising (all values were non-negative). */
    public boolean powerNormalised() {
        return root;
    }

    /**
     * A raw vector prepared as {@link #forSimilarity} prepares a set whose values are all
     * non-negative ({@code root}: square-rooted, then unit length) or not (only unit length).
     */
    public static float[] prepare(float[] raw, int d, boolean root) {
        if (raw.length != d) {
            throw new IllegalArgumentException("query has " + raw.length + " values, the vectors " + d);
        }
        return unit(root ? sqrt(raw) : raw);
    }

    private static float[] sqrt(float[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) Math.sqrt(Math.max(0, v[i]));
        }
        return r;
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
        return new Vectors(data, n, d, false);
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
        return dot(data, i * d, data, j * d, d);
    }

    /** Four independent sums, so that the JIT can pipeline the multiply-adds (a single float sum is sequential). */
    static float dot(float[] x, int a, float[] y, int b, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int k = 0;
        for (; k + 3 < d; k += 4) {
            s0 += x[a + k] * y[b + k];
            s1 += x[a + k + 1] * y[b + k + 1];
            s2 += x[a + k + 2] * y[b + k + 2];
            s3 += x[a + k + 3] * y[b + k + 3];
        }
        for (; k < d; k++) {
            s0 += x[a + k] * y[b + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Cosine similarity of row i and a unit query. */
    public float dot(int i, float[] q) {
        return dot(data, i * d, q, 0, d);
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
