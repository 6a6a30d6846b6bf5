package dev.loupe.bench;

import dev.loupe.core.Shuffle;
import dev.loupe.eval.active.Diversity;
import dev.loupe.eval.active.Hybrid;
import dev.loupe.eval.active.Uncertainty;
import dev.loupe.eval.labels.LogisticRegression;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench select}: pool-based active learning on Fashion-MNIST with Loupe's own
 * classifier (multinomial logistic regression on the pixels averaged to 14 x 14, the model-free
 * embedding). Every strategy starts from the same seeded random labelled set; each round fits the
 * classifier on the labelled images, scores the rest of the pool, labels the next batch, and the
 * accuracy on the 10 000 test images is recorded. Seeds are averaged.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Active learning on Fashion-MNIST: test accuracy after each labelling round, per strategy, against random.")
public final class SelectBench implements Callable<Integer> {
    @CommandLine.Mixin
    FashionMnistOption fashion = new FashionMnistOption();

    @Option(names = "--pool", paramLabel = "N", defaultValue = "10000",
            description = "unlabelled pool: the first N training images (default: ${DEFAULT-VALUE})")
    int poolSize;

    @Option(names = "--start", paramLabel = "N", defaultValue = "100", description = "random labelled start (default: ${DEFAULT-VALUE})")
    int start;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "images labelled per round (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "labelling rounds (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "seeded repeats (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--strategies", paramLabel = "S,S", split = ",",
            defaultValue = "random,entropy,least-confidence,margin,diversity,hybrid",
            description = "strategies to compare; random is always run as the baseline (default: ${DEFAULT-VALUE})")
    List<String> strategies;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final List<String> STRATEGIES = List.of("random", "entropy", "least-confidence", "margin", "diversity", "hybrid");
    private static final int TRAIN = 60_000;
    private static final int TEST = 10_000;

    @Override
    public Integer call() throws IOException {
        for (String s : strategies) {
            if (!STRATEGIES.contains(s)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown strategy '" + s + "': " + STRATEGIES);
            }
        }
        if (poolSize < start + batch * rounds || start < 10 || batch < 1 || rounds < 1 || seeds < 1 || poolSize > TRAIN) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --start >= 10, --batch >= 1, --rounds >= 1, "
                    + "--seeds >= 1 and start + batch * rounds <= --pool <= 60000");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!fashion.present()) {
            out.println(fashion.skipped());
            return 0;
        }
        FashionNoise.Data all = FashionNoise.read(fashion.dir(), TRAIN + TEST, 14);
        float[][] pool = Arrays.copyOf(all.x(), poolSize);
        int[] poolY = Arrays.copyOf(all.y(), poolSize);
        float[][] test = Arrays.copyOfRange(all.x(), TRAIN, TRAIN + TEST);
        int[] testY = Arrays.copyOfRange(all.y(), TRAIN, TRAIN + TEST);
        out.printf(Locale.ROOT, "Fashion-MNIST: pool of %d training images, %d test images; Loupe's own classifier (logistic "
                + "regression, C=1) on 14 x 14 pixels; %d random labels to start, %d rounds of %d, %d seeds%n", poolSize,
                TEST, start, rounds, batch, seeds);
        out.flush();
        Map<String, double[][]> accuracy = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String s : STRATEGIES.stream().filter(x -> x.equals("random") || strategies.contains(x)).toList()) {
            double[][] acc = new double[seeds][rounds + 1];
            long t0 = System.nanoTime();
            for (int seed = 0; seed < seeds; seed++) {
                acc[seed] = run(s, pool, poolY, test, testY, seed);
            }
            seconds.put(s, (System.nanoTime() - t0) / 1e9);
            accuracy.put(s, acc);
        }
        print(accuracy, seconds, out);
        return 0;
    }

    /** Test accuracy after the start and after each round. */
    private double[] run(String strategy, float[][] pool, int[] poolY, float[][] test, int[] testY, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] labelled = new boolean[pool.length];
        int[] order = Shuffle.permutation(pool.length, rnd);
        for (int i = 0; i < start; i++) {
            labelled[order[i]] = true;
        }
        double[] acc = new double[rounds + 1];
        for (int round = 0; round <= rounds; round++) {
            LogisticRegression model = fit(pool, poolY, labelled);
            acc[round] = accuracy(model, test, testY);
            if (round == rounds) {
                break;
            }
            for (int i : choose(strategy, model, pool, labelled, seed * 1000 + round)) {
                labelled[i] = true;
            }
        }
        return acc;
    }

    private int[] choose(String strategy, LogisticRegression model, float[][] pool, boolean[] labelled, long seed) {
        List<Integer> open = new ArrayList<>();
        List<float[]> done = new ArrayList<>();
        for (int i = 0; i < pool.length; i++) {
            if (labelled[i]) {
                done.add(pool[i]);
            } else {
                open.add(i);
            }
        }
        float[][] candidates = new float[open.size()][];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = pool[open.get(i)];
        }
        int[] picked = switch (strategy) {
            case "random" -> Arrays.copyOf(Shuffle.permutation(candidates.length, new SplittableRandom(seed)), batch);
            case "diversity" -> Diversity.kMeansPlusPlus(candidates, done.toArray(float[][]::new), batch, seed);
            case "hybrid" -> Hybrid.select(candidates, scores(Uncertainty.MARGIN, model, candidates), batch, seed);
            default -> top(scores(Uncertainty.of(strategy), model, candidates), batch);
        };
        return Arrays.stream(picked).map(open::get).toArray();
    }

    private static double[] scores(Uncertainty u, LogisticRegression model, float[][] x) {
        double[] s = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            s[i] = u.score(model.probabilities(x[i]));
        }
        return s;
    }

    private static int[] top(double[] s, int n) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i));
        return Arrays.stream(idx, 0, Math.min(n, idx.length)).mapToInt(Integer::intValue).toArray();
    }

    private static LogisticRegression fit(float[][] pool, int[] y, boolean[] labelled) {
        List<float[]> x = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < pool.length; i++) {
            if (labelled[i]) {
                x.add(pool[i]);
                labels.add(y[i]);
            }
        }
        return LogisticRegression.fit(x.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                FashionNoise.CLASSES, LogisticRegression.Params.DEFAULTS);
    }

    private static double accuracy(LogisticRegression model, float[][] x, int[] y) {
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            double[] p = model.probabilities(x[i]);
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                best = p[k] > p[best] ? k : best;
            }
            right += best == y[i] ? 1 : 0;
        }
        return (double) right / x.length;
    }

    private void print(Map<String, double[][]> accuracy, Map<String, Double> seconds, PrintWriter out) {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-18s", "labelled images"));
        for (int r = 0; r <= rounds; r++) {
            head.append(String.format(Locale.ROOT, "%14d", start + r * batch));
        }
        out.println(head.append(String.format(Locale.ROOT, "%14s%10s", "gain/random", "seconds")));
        double[] random = mean(accuracy.get("random"));
        for (Map.Entry<String, double[][]> e : accuracy.entrySet()) {
            double[] m = mean(e.getValue());
            double[] sd = sd(e.getValue(), m);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-18s", e.getKey()));
            for (int r = 0; r <= rounds; r++) {
                row.append(String.format(Locale.ROOT, "%8.3f±%.3f", m[r], sd[r]));
            }
            double gain = 0;
            for (int r = 1; r <= rounds; r++) {
                gain += (m[r] - random[r]) / rounds;
            }
            out.println(row.append(String.format(Locale.ROOT, "%+14.3f%10.1f", gain, seconds.get(e.getKey()))));
        }
        out.println("Accuracy on the test images: mean ± standard deviation over the seeds; gain/random: the mean accuracy "
                + "difference to random over the rounds after the start.");
    }

    private static double[] mean(double[][] a) {
        double[] m = new double[a[0].length];
        for (double[] row : a) {
            for (int j = 0; j < m.length; j++) {
                m[j] += row[j] / a.length;
            }
        }
        return m;
    }

    private static double[] sd(double[][] a, double[] m) {
        double[] s = new double[m.length];
        if (a.length < 2) {
            return s;
        }
        for (double[] row : a) {
            for (int j = 0; j < m.length; j++) {
                s[j] += (row[j] - m[j]) * (row[j] - m[j]) / (a.length - 1);
            }
        }
        for (int j = 0; j < s.length; j++) {
            s[j] = Math.sqrt(s[j]);
        }
        return s;
    }
}
