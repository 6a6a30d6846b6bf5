package dev.loupe.knn;

/** Keeps the k largest (similarity, row) pairs seen, as a min-heap on similarity; ties keep the lower row. */
final class TopK {
    private final int k;
    private final float[] sims;
    private final int[] rows;
    private int size;

    TopK(int k) {
        this.k = k;
        this.sims = new float[k];
        this.rows = new int[k];
    }

    /** The smallest kept similarity, or -infinity while fewer than k are kept (+infinity when k is 0: nothing enters). */
    float threshold() {
        if (k == 0) {
            return Float.POSITIVE_INFINITY;
        }
        return size < k ? Float.NEGATIVE_INFINITY : sims[0];
    }

    /** Pairs kept so far. */
    int size() {
        return size;
    }

    void offer(int row, float sim) {
        if (k == 0) {
            return;
        }
        if (size < k) {
            sims[size] = sim;
            rows[size] = row;
            up(size++);
        } else if (worse(sims[0], rows[0], sim, row)) {
            sims[0] = sim;
            rows[0] = row;
            down(0);
        }
    }

    /** True when (s1, r1) ranks below (s2, r2). */
    private static boolean worse(float s1, int r1, float s2, int r2) {
        return s1 < s2 || (s1 == s2 && r1 > r2);
    }

    private void up(int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (!worse(sims[i], rows[i], sims[p], rows[p])) {
                break;
            }
            swap(i, p);
            i = p;
        }
    }

    private void down(int i) {
        while (true) {
            int l = 2 * i + 1;
            int m = i;
            if (l < size && worse(sims[l], rows[l], sims[m], rows[m])) {
                m = l;
            }
            if (l + 1 < size && worse(sims[l + 1], rows[l + 1], sims[m], rows[m])) {
                m = l + 1;
            }
            if (m == i) {
                return;
            }
            swap(i, m);
            i = m;
        }
    }

    private void swap(int a, int b) {
        float s = sims[a];
        sims[a] = sims[b];
        sims[b] = s;
        int r = rows[a];
        rows[a] = rows[b];
        rows[b] = r;
    }

    /** Offers every kept pair to {@code other} and empties this heap, for reuse. */
    void moveTo(TopK other) {
        for (int i = 0; i < size; i++) {
            other.offer(rows[i], sims[i]);
        }
        size = 0;
    }

    /** The kept pairs, best first (empties the heap). */
    Neighbours drain() {
        int n = size;
        int[] r = new int[n];
        float[] s = new float[n];
        for (int i = n - 1; i >= 0; i--) {
            r[i] = rows[0];
            s[i] = sims[0];
            size--;
            sims[0] = sims[size];
            rows[0] = rows[size];
            down(0);
        }
        return new Neighbours(r, s);
    }
}
