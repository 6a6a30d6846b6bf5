package dev.loupe.bench;

import dev.loupe.eval.labels.CrossValidatedProbabilities;
import dev.loupe.eval.labels.LogisticRegression;
import java.io.PrintWriter;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times Loupe's own classifier on seeded synthetic embeddings (Gaussian classes whose means are
 * {@code --separation} apart on random directions): one logistic-regression fit on all items, and
 * the K-fold out-of-fold probabilities. The baseline, in the same run, is one pass of the loss and
 * gradient (what each L-BFGS step costs at least).
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
        description = "Time Loupe's own classifier (logistic regression, L-BFGS, K-fold) on synthetic embeddings.")
final class CvBench implements Callable<Integer> {
    @Option(names = "--items", split = ",", defaultValue = "10000,100000",
            description = "item counts, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--dim", defaultValue = "128", description = "embedding dimension (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--classes", defaultValue = "10", description = "classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--folds", defaultValue = "5", description = "folds; 0 skips the cross-validation (default: "
            + "${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--separation", defaultValue = "3", description = "distance between class means (default: "
            + "${DEFAULT-VALUE})")
    double separation;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Loupe's classifier on synthetic embeddings: %d dimensions, %d classes, %d cores%n", dim, classes,
                Runtime.getRuntime().availableProcessors());
        out.printf("  %9s %10s %11s %10s %14s %10s%n", "items", "fit (s)", "iterations", "accuracy", (folds >= 2 ? folds + "-fold" : "no") + " CV (s)",
                "oof acc.");
        boolean stopped = false;
        for (int n : sizes) {
            SplittableRandom rnd = new SplittableRandom(n);
            double[][] means = new double[classes][dim];
            for (double[] m : means) {
                double norm = 0;
                for (int j = 0; j < dim; j++) {
                    m[j] = rnd.nextGaussian();
                    norm += m[j] * m[j];
                }
                for (int j = 0; j < dim; j++) {
                    m[j] *= separation / Math.sqrt(2 * norm);
                }
            }
            float[][] x = new float[n][dim];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextInt(classes);
                for (int j = 0; j < dim; j++) {
                    x[i][j] = (float) (means[y[i]][j] + rnd.nextGaussian());
                }
            }
            long t0 = System.nanoTime();
            LogisticRegression model = LogisticRegression.fit(x, y, classes, LogisticRegression.Params.DEFAULTS);
            double fit = (System.nanoTime() - t0) / 1e9;
            int hits = 0;
            for (int i = 0; i < n; i++) {
                hits += argmax(model.probabilities(x[i])) == y[i] ? 1 : 0;
            }
            stopped |= !model.converged();
            String cvTime = "-";
            String cvAcc = "-";
            if (folds >= 2) {
                long t1 = System.nanoTime();
                double[][] p = CrossValidatedProbabilities.compute(x, y, classes, folds, 0,
                        LogisticRegression.Params.DEFAULTS);
                cvTime = String.format("%.1f", (System.nanoTime() - t1) / 1e9);
                int oof = 0;
                for (int i = 0; i < n; i++) {
                    oof += argmax(p[i]) == y[i] ? 1 : 0;
                }
                cvAcc = String.format("%.3f", (double) oof / n);
            }
            out.printf("  %9d %10.1f %11s %10.3f %14s %10s%n", n, fit, model.iterations() + (model.converged() ? "" : "*"),
                    (double) hits / n, cvTime, cvAcc);
            out.flush();
        }
        if (stopped) {
            out.println("  * stopped at the iteration limit (100, scikit-learn's default) before the gradient tolerance");
        }
        return 0;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
