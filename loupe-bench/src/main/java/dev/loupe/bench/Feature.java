package dev.loupe.bench;

import dev.loupe.knn.Vectors;
import java.util.Arrays;

/**
 * One way of comparing images in the similarity benchmark, computed for a fixed list of images:
 * either unit vectors compared by cosine similarity (prepared as Loupe compares embeddings,
 * {@link Vectors#forSimilarity}), or 64-bit hashes compared by Hamming distance.
 *
 * @param name    short name for the table, e.g. {@code b13:gem}
 * @param vectors the prepared vectors (null for a hash)
 * @param hashes  the hashes (null for vectors)
 */
record Feature(String name, Vectors vectors, long[] hashes) {
    Feature {
        if ((vectors == null) == (hashes == null)) {
            throw new IllegalArgumentException("a feature has either vectors or hashes: " + name);
        }
    }

    static Feature of(String name, float[][] raw) {
        return new Feature(name, Vectors.forSimilarity(raw), null);
    }

    static Feature hashes(String name, long[] hashes) {
        return new Feature(name, null, hashes.clone());
    }

    /**
     * The parts, each prepared on its own (square root, unit length) and given equal weight: the
     * cosine similarity of the result is the mean of the parts' similarities.
     */
    static Feature concatenation(String name, Feature... parts) {
        int n = parts[0].size();
        float[][] out = new float[n][];
        float scale = (float) (1 / Math.sqrt(parts.length));
        int d = 0;
        for (Feature p : parts) {
            d += p.vectors.dimension();
        }
        for (int i = 0; i < n; i++) {
            float[] v = new float[d];
            int at = 0;
            for (Feature p : parts) {
                float[] r = p.vectors.row(i);
                for (int k = 0; k < r.length; k++) {
                    v[at + k] = r[k] * scale;
                }
                at += r.length;
            }
            out[i] = v;
        }
        return new Feature(name, Vectors.normalised(out), null);
    }

    int size() {
        return vectors != null ? vectors.size() : hashes.length;
    }

    /** Larger = more alike: the cosine similarity, or minus the Hamming distance in bits. */
    double similarity(int a, int b) {
        if (hashes != null) {
            return -Long.bitCount(hashes[a] ^ hashes[b]);
        }
        return vectors.dot(a, b);
    }

    /** The rows of {@code rows} in another order. */
    Feature select(int[] rows) {
        if (hashes != null) {
            long[] h = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                h[i] = hashes[rows[i]];
            }
            return new Feature(name, null, h);
        }
        float[][] v = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            v[i] = vectors.row(rows[i]);
        }
        return new Feature(name, Vectors.normalised(v), null);
    }

    @Override
    public String toString() {
        return name + (hashes != null ? " (" + hashes.length + " hashes)" : " (" + Arrays.toString(new int[] {size(), vectors.dimension()}) + ")");
    }
}
