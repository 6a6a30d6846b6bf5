package dev.loupe.eval.labels;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithm 7.5: two-loop
 * recursion) with a backtracking Armijo line search, for smooth convex objectives such as the
 * regularised logistic loss.
 */
final class Lbfgs {
    /** A differentiable objective: returns f(x) and writes the gradient into {@code gradient}. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * The result of a minimisation.
     *
     * @param x          the minimiser found
     * @param value      the objective there
     * @param iterations iterations run
     * @param converged  whether the gradient fell below the tolerance
     */
    record Result(double[] x, double value, int iterations, boolean converged) {
    }

    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 40;

    private Lbfgs() {
    }

    /**
     * Minimises f from x0.
     *
     * @param memory        the number of correction pairs kept (5..20 is usual)
     * @param maxIterations the iteration limit
     * @param tolerance     stop when max |gradient| &lt;= tolerance * max(1, max |x|)
     */
    static Result minimise(Objective f, double[] x0, int memory, int maxIterations, double tolerance) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[memory][];
        double[][] y = new double[memory][];
        double[] rho = new double[memory];
        double[] alpha = new double[memory];
        int stored = 0;
        int newest = -1;
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        for (int iter = 0; iter < maxIterations; iter++) {
            if (maxAbs(g) <= tolerance * Math.max(1, maxAbs(x))) {
                return new Result(x, fx, iter, true);
            }
            // two-loop recursion: d = -H g
            double[] d = g.clone();
            for (int k = 0; k < stored; k++) {
                int i = Math.floorMod(newest - k, memory);
                alpha[i] = rho[i] * dot(s[i], d);
                axpy(-alpha[i], y[i], d);
            }
            double gamma = stored == 0 ? 1 / Math.max(1, norm(g)) : dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            scale(d, gamma);
            for (int k = stored - 1; k >= 0; k--) {
                int i = Math.floorMod(newest - k, memory);
                double beta = rho[i] * dot(y[i], d);
                axpy(alpha[i] - beta, s[i], d);
            }
            scale(d, -1);
            double slope = dot(g, d);
            if (slope >= 0) { // not a descent direction (numerical trouble): restart from steepest descent
                d = g.clone();
                scale(d, -1 / Math.max(1, norm(g)));
                slope = dot(g, d);
                stored = 0;
            }
            double step = 1;
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int b = 0; b < MAX_BACKTRACKS; b++) {
                for (int j = 0; j < n; j++) {
                    xNew[j] = x[j] + step * d[j];
                }
                fNew = f.evaluate(xNew, gNew);
                if (fNew <= fx + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step /= 2;
            }
            if (!accepted) {
                return new Result(x, fx, iter, false);
            }
            double[] sk = new double[n];
            double[] yk = new double[n];
            for (int j = 0; j < n; j++) {
                sk[j] = xNew[j] - x[j];
                yk[j] = gNew[j] - g[j];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * norm(sk) * norm(yk)) { // keep the pair only when the curvature condition holds
                newest = (newest + 1) % memory;
                s[newest] = sk;
                y[newest] = yk;
                rho[newest] = 1 / sy;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
        }
        return new Result(x, fx, maxIterations, maxAbs(g) <= tolerance * Math.max(1, maxAbs(x)));
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }
}
