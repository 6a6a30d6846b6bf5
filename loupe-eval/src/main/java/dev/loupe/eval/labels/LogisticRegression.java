package dev.loupe.eval.labels;

import java.util.stream.IntStream;

/**
 * Multinomial logistic regression (softmax over K classes) with L2 regularisation, fitted by
 * {@link Lbfgs} on standardised features. The objective is scikit-learn's:
 * {@code sum_i -log p(y_i | x_i) + ||W||^2 / (2 C)} (intercepts not penalised), minimised divided by
 * the number of items.
 */
public final class LogisticRegression {
    private static final int MEMORY = 10;
    private static final int CHUNK = 256;

    private final double[] mean;
    private final double[] scale;
    private final double[][] weights; // [class][feature], then the intercept at [class][d]
    private final int iterations;
    private final boolean converged;

    private LogisticRegression(double[] mean, double[] scale, double[][] weights, int iterations, boolean converged) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.iterations = iterations;
        this.converged = converged;
    }

    /** L-BFGS iterations the fit ran. */
    public int iterations() {
        return iterations;
    }

    /** Whether the fit reached the gradient tolerance (else it stopped at the iteration limit). */
    public boolean converged() {
        return converged;
    }

    /**
     * The fit's settings.
     *
     * @param c             inverse regularisation strength (scikit-learn's C), &gt; 0
     * @param maxIterations L-BFGS iteration limit
     * @param tolerance     tolerance on the largest gradient component of the objective per item
     */
    public record Params(double c, int maxIterations, double tolerance) {
        /** scikit-learn's defaults: C = 1, 100 iterations (its tolerance is on a different scale). */
        public static final Params DEFAULTS = new Params(1.0, 100, 1e-5);

        public Params {
            if (!(c > 0) || maxIterations < 1 || !(tolerance > 0)) {
                throw new IllegalArgumentException("need c > 0, maxIterations >= 1, tolerance > 0: " + c + ", "
                        + maxIterations + ", " + tolerance);
            }
        }
    }

    /**
     * Fits the model.
     *
     * @param x       [item][feature] features, finite
     * @param labels  class index of each item, in [0, classes)
     * @param classes K &gt;= 2
     */
    public static LogisticRegression fit(float[][] x, int[] labels, int classes, Params params) {
        int n = x.length;
        if (n == 0 || labels.length != n || classes < 2) {
            throw new IllegalArgumentException("need items, one label each and at least 2 classes");
        }
        int d = x[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                double v = row[j] - mean[j];
                scale[j] += v * v;
            }
        }
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(scale[j] / n);
            scale[j] = sd > 0 ? 1 / sd : 0;
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mean[j]) * scale[j];
            }
        }
        int stride = d + 1;
        double lambda = 1 / params.c();
        // divided by n: the same minimiser, and a gradient tolerance that does not tighten as n grows
        Lbfgs.Objective objective = (w, grad) -> {
            double f = loss(z, labels, classes, w, grad, lambda) / n;
            for (int j = 0; j < grad.length; j++) {
                grad[j] /= n;
            }
            return f;
        };
        Lbfgs.Result r = Lbfgs.minimise(objective, new double[classes * stride], MEMORY, params.maxIterations(),
                params.tolerance());
        double[][] weights = new double[classes][];
        for (int k = 0; k < classes; k++) {
            weights[k] = java.util.Arrays.copyOfRange(r.x(), k * stride, (k + 1) * stride);
        }
        return new LogisticRegression(mean, scale, weights, r.iterations(), r.converged());
    }

    /** The class probabilities of one item. */
    public double[] probabilities(float[] x) {
        int d = mean.length;
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
            z[j] = (x[j] - mean[j]) * scale[j];
        }
        double[] logits = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            double v = weights[k][d];
            for (int j = 0; j < d; j++) {
                v += weights[k][j] * z[j];
            }
            logits[k] = v;
        }
        return softmax(logits);
    }

    /** Sum of cross-entropies plus lambda/2 ||W||^2; the gradient is written into grad. Chunks run in parallel, summed in order. */
    static double loss(double[][] z, int[] labels, int classes, double[] w, double[] grad, double lambda) {
        int n = z.length;
        int d = z[0].length;
        int stride = d + 1;
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] partialGrad = new double[chunks][];
        double[] partialLoss = new double[chunks];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            double[] g = new double[w.length];
            double l = 0;
            double[] logits = new double[classes];
            for (int i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) {
                double[] zi = z[i];
                for (int k = 0; k < classes; k++) {
                    double s = w[k * stride + d];
                    for (int j = 0; j < d; j++) {
                        s += w[k * stride + j] * zi[j];
                    }
                    logits[k] = s;
                }
                double[] p = softmax(logits);
                l -= Math.log(Math.max(p[labels[i]], Double.MIN_NORMAL));
                for (int k = 0; k < classes; k++) {
                    double e = p[k] - (k == labels[i] ? 1 : 0);
                    int base = k * stride;
                    for (int j = 0; j < d; j++) {
                        g[base + j] += e * zi[j];
                    }
                    g[base + d] += e;
                }
            }
            partialGrad[c] = g;
            partialLoss[c] = l;
        });
        java.util.Arrays.fill(grad, 0);
        double total = 0;
        for (int c = 0; c < chunks; c++) {
            total += partialLoss[c];
            double[] g = partialGrad[c];
            for (int j = 0; j < grad.length; j++) {
                grad[j] += g[j];
            }
        }
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                double v = w[k * stride + j];
                total += lambda / 2 * v * v;
                grad[k * stride + j] += lambda * v;
            }
        }
        return total;
    }

    static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            p[k] = Math.exp(logits[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < p.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
