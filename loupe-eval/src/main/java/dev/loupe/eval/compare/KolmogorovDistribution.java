package dev.loupe.eval.compare;

/**
 * The limiting distribution of {@code sqrt(n) * D} for the one-sample Kolmogorov–Smirnov statistic
 * (Kolmogorov 1933), whose survival function {@code Q(λ) = 2 Σ_{k≥1} (-1)^(k-1) exp(-2 k² λ²)} gives
 * asymptotic KS p-values. For small λ that alternating series converges slowly, so the cdf is summed
 * there in its Jacobi-theta form {@code P(λ) = sqrt(2π)/λ Σ_{k≥1} exp(-(2k-1)² π² / (8 λ²))}; both
 * sums stop once a term is below 1e-17 of the total (absolute error well under 1e-15).
 */
public final class KolmogorovDistribution {
    /** Below this λ the theta form converges faster; both forms agree to 1e-16 around it. */
    static final double SWITCH = 1.18;

    private KolmogorovDistribution() {
    }

    /** {@code P(K > λ)}: 1 for λ &lt;= 0, in [0, 1] otherwise. */
    public static double survival(double lambda) {
        if (Double.isNaN(lambda)) {
            throw new IllegalArgumentException("lambda is NaN");
        }
        if (lambda <= 0) {
            return 1;
        }
        if (lambda < SWITCH) {
            return Math.min(1, Math.max(0, 1 - thetaCdf(lambda)));
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = Math.exp(-2.0 * k * k * lambda * lambda);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return Math.min(1, Math.max(0, 2 * sum));
    }

    /** {@code P(K <= λ)}. */
    public static double cdf(double lambda) {
        return 1 - survival(lambda);
    }

    private static double thetaCdf(double lambda) {
        double a = -Math.PI * Math.PI / (8 * lambda * lambda);
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            int odd = 2 * k - 1;
            double term = Math.exp(a * odd * odd);
            sum += term;
            if (term <= 1e-17 * sum) {
                break;
            }
        }
        return Math.sqrt(2 * Math.PI) / lambda * sum;
    }
}
