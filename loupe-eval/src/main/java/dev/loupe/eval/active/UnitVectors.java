package dev.loupe.eval.active;

/** Vectors scaled to unit length, so that squared Euclidean distance is {@code 2 (1 - cosine)}. */
final class UnitVectors {
    private UnitVectors() {
    }

    static float[][] of(float[][] x) {
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            double norm = 0;
            for (float v : x[i]) {
                norm += (double) v * v;
            }
            float s = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
            out[i] = new float[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j] * s;
            }
        }
        return out;
    }

    static double squaredDistance(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }
}
