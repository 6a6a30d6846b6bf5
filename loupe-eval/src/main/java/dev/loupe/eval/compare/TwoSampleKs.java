package dev.loupe.eval.compare;

/**
 * The two-sample Kolmogorov–Smirnov test: {@code D = sup_t |F_a(t) - F_b(t)|} over the empirical
 * cdfs of two samples (ties handled exactly: both cdfs step past a shared value before they are
 * compared), and the asymptotic two-sided p-value {@code Q((sqrt(nₑ) + 0.12 + 0.11/sqrt(nₑ)) D)} with
 * the effective size {@code nₑ = n m / (n + m)} (Stephens 1970, as in Numerical Recipes' kstwo and
 * scipy's ks_2samp(method="asymp") before scipy 1.5).
 *
 * @param d          the statistic, in [0, 1]; NaN when a side is empty
 * @param pValue     the asymptotic p-value, in [0, 1]; NaN when a side is empty
 * @param n          size of the first sample
 * @param m          size of the second sample
 * @param effectiveN {@code n m / (n + m)}; 0 when a side is empty
 */
public record TwoSampleKs(double d, double pValue, int n, int m, double effectiveN) {

    /**
     * Tests two samples of finite values, each sorted ascending.
     *
     * @throws IllegalArgumentException when a sample is not sorted or holds a non-finite value
     */
    public static TwoSampleKs of(double[] a, double[] b) {
        checkSorted(a, "a");
        checkSorted(b, "b");
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            return new TwoSampleKs(Double.NaN, Double.NaN, n, m, 0);
        }
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < n && j < m) {
            double t = Math.min(a[i], b[j]);
            while (i < n && a[i] == t) {
                i++;
            }
            while (j < m && b[j] == t) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / n - (double) j / m));
        }
        double ne = (double) n * m / ((double) n + m);
        double sqrtNe = Math.sqrt(ne);
        double p = KolmogorovDistribution.survival((sqrtNe + 0.12 + 0.11 / sqrtNe) * d);
        return new TwoSampleKs(d, p, n, m, ne);
    }

    private static void checkSorted(double[] x, String name) {
        for (int k = 0; k < x.length; k++) {
            if (!Double.isFinite(x[k])) {
                throw new IllegalArgumentException(name + "[" + k + "] is " + x[k] + "; only finite values");
            }
            if (k > 0 && x[k] < x[k - 1]) {
                throw new IllegalArgumentException(name + " must be sorted ascending: [" + k + "] " + x[k] + " < " + x[k - 1]);
            }
        }
    }
}
