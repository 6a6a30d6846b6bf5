package dev.loupe.eval.performance;

/** Pearson correlation and binned mutual information. */
final class Association {
    private Association() {
    }

    /** Pearson r over the items where x is finite (y is always finite), two-pass; NaN if undefined. */
    static double pearson(double[] x, double[] y) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i])) {
                n++;
                sx += x[i];
                sy += y[i];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Number of the items with finite x. */
    static int finiteCount(double[] x) {
        int n = 0;
        for (double v : x) {
            if (Double.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Bins for MI: quantile bins 0..k-1 of the finite values, and bin k for missing ones. Returns
     * the bin of each item; the number of bins is max + 1.
     */
    static int[] miBins(double[] x, int k) {
        double[] cuts = Binning.quantileCuts(x, k);
        int[] bins = Binning.assign(x, cuts);
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] == Binning.MISSING) {
                bins[i] = cuts.length + 1;
            }
        }
        return bins;
    }

    /** Plug-in mutual information of two discrete variables (values 0..), nats. */
    static double mutualInformation(int[] a, int[] b) {
        int na = max(a) + 1;
        int nb = max(b) + 1;
        long[] joint = new long[na * nb];
        long[] pa = new long[na];
        long[] pb = new long[nb];
        for (int i = 0; i < a.length; i++) {
            joint[a[i] * nb + b[i]]++;
            pa[a[i]]++;
            pb[b[i]]++;
        }
        double n = a.length;
        double mi = 0;
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                long c = joint[i * nb + j];
                if (c > 0) {
                    mi += c / n * Math.log(c * n / ((double) pa[i] * pb[j]));
                }
            }
        }
        return Math.max(0, mi);
    }

    /** Entropy of a discrete variable, nats. */
    static double entropy(int[] a) {
        long[] counts = new long[max(a) + 1];
        for (int v : a) {
            counts[v]++;
        }
        double n = a.length;
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                h -= c / n * Math.log(c / n);
            }
        }
        return h;
    }

    /** Number of distinct values of a discrete variable (values 0..). */
    static int distinct(int[] a) {
        boolean[] seen = new boolean[max(a) + 1];
        int d = 0;
        for (int v : a) {
            if (!seen[v]) {
                seen[v] = true;
                d++;
            }
        }
        return d;
    }

    private static int max(int[] a) {
        int m = 0;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
