package dev.loupe.eval.labels;

/**
 * The latent quantities of confident learning, as cleanlab 2.9.0's
 * {@code count.estimate_py_and_noise_matrices_from_probabilities} computes them (calibrated
 * confident joint, {@code py_method="cnt"}, {@code converge_latent_estimates=True}).
 *
 * @param py                 p(true label = k), the prior of the true labels
 * @param noiseMatrix        [given][true] P(given label | true label); columns sum to 1
 * @param inverseNoiseMatrix [true][given] P(true label | given label); columns sum to 1
 * @param confidentJoint     the calibrated confident joint they come from
 */
public record NoiseEstimate(double[] py, double[][] noiseMatrix, double[][] inverseNoiseMatrix,
        ConfidentJoint confidentJoint) {
    private static final double NOISE_RATE_MAX = 0.9999;
    private static final double PY_MIN = 1e-5;
    private static final int INVERSE_ITERATIONS = 5;
    private static final int NOISE_ITERATIONS = 3;

    /** Estimates the prior and the noise matrices from the calibrated confident joint. */
    public static NoiseEstimate estimate(ClassProbabilities in) {
        ConfidentJoint joint = ConfidentJoint.compute(in, true);
        int[][] cj = joint.counts();
        int k = in.classes();
        int[] labelCounts = in.labelCounts();
        double[] ps = new double[k];
        double[] givenTotals = new double[k];
        double[] trueTotals = new double[k];
        for (int i = 0; i < k; i++) {
            ps[i] = labelCounts[i] / (double) in.size();
            for (int j = 0; j < k; j++) {
                givenTotals[i] += cj[i][j];
                trueTotals[j] += cj[i][j];
            }
        }
        double[][] nm = new double[k][k];
        double[][] inv = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                nm[i][j] = cj[i][j] / Math.max(trueTotals[j], ConfidentJoint.TINY);
                inv[i][j] = cj[j][i] / Math.max(givenTotals[j], ConfidentJoint.TINY);
            }
        }
        double[] py = computePy(ps, nm, inv);
        nm = clipNoiseRates(nm);
        inv = clipNoiseRates(inv);
        for (int outer = 0; outer < NOISE_ITERATIONS; outer++) {
            for (int inner = 0; inner < INVERSE_ITERATIONS; inner++) {
                inv = inverseFromNoise(py, nm, ps);
                py = computePy(ps, nm, inv);
            }
            nm = noiseFromInverse(ps, inv, py);
        }
        py = clipValues(py, PY_MIN, 1.0, 1.0);
        return new NoiseEstimate(py, clipNoiseRates(nm), clipNoiseRates(inv), joint);
    }

    /** py_method "cnt": inv[k][k] / nm[k][k] * ps[k], clipped to [1e-5, 1] and rescaled to sum 1. */
    private static double[] computePy(double[] ps, double[][] nm, double[][] inv) {
        double[] py = new double[ps.length];
        for (int c = 0; c < ps.length; c++) {
            py[c] = inv[c][c] / nm[c][c] * ps[c];
        }
        return clipValues(py, PY_MIN, 1.0, 1.0);
    }

    /** P(true | given) = P(given | true) P(true) / P(given), noise rates clipped. */
    private static double[][] inverseFromNoise(double[] py, double[][] nm, double[] ps) {
        int k = py.length;
        double[][] inv = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                inv[i][j] = nm[j][i] * py[i] / ps[j];
            }
        }
        return clipNoiseRates(inv);
    }

    /** P(given | true) = P(true | given) P(given) / P(true), noise rates clipped. */
    private static double[][] noiseFromInverse(double[] ps, double[][] inv, double[] py) {
        int k = ps.length;
        double[][] nm = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                nm[i][j] = inv[j][i] * ps[i] / py[j];
            }
        }
        return clipNoiseRates(nm);
    }

    /** Off-diagonal entries clipped to [0, 0.9999], then every column rescaled to sum to 1. */
    static double[][] clipNoiseRates(double[][] m) {
        int k = m.length;
        double[][] out = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[i][j] = i == j ? m[i][j] : Math.min(Math.max(m[i][j], 0.0), NOISE_RATE_MAX);
            }
        }
        double[] colSums = NumpyOps.columnSums(out);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[i][j] = out[i][j] / Math.max(colSums[j], ConfidentJoint.TINY);
            }
        }
        return out;
    }

    /** cleanlab's {@code clip_values}: clip to [low, high], rescale to sum to newSum. */
    static double[] clipValues(double[] x, double low, double high, double newSum) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.min(Math.max(x[i], low), high);
        }
        double sum = Math.max(NumpyOps.pairwiseSum(out, 0, out.length), ConfidentJoint.TINY);
        for (int i = 0; i < x.length; i++) {
            out[i] = out[i] * newSum / sum;
        }
        return out;
    }
}
