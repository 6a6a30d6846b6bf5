package dev.loupe.eval.performance;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Impurity importance of a small random forest of regression trees (mean decrease in squared
 * error, Breiman's "MDI").
 *
 * <p>Every metric is first cut into at most {@value #BINS} quantile bins (missing values in a bin
 * of their own, ordered below every finite value), so that a split is "bin &lt;= b" and no metric
 * gains from merely having more distinct values, the known bias of impurity importance on raw
 * values. Each tree is grown on a bootstrap sample of min(n, samplesPerTree) items; at each node
 * max(1, p / 3) metrics are tried (as regression forests do), the split with the largest decrease
 * in squared error that leaves at least minLeaf items on each side is taken, and the decrease is
 * credited to its metric. Trees stop at maxDepth. One extra "noise" feature, uniform random bins
 * unrelated to the target, competes with the metrics (a shadow feature, as in Boruta): its credit is
 * what chance alone earns, so metrics at or below it are indistinguishable from noise. The credits
 * over all trees are normalised to sum to 1 over the metrics and the noise feature. Trees are grown
 * in parallel, each from its own seed drawn in order from the parameters' seed, so the result does
 * not depend on the thread count.
 */
final class ForestImportance {
    static final int BINS = 32;

    private final byte[][] codes;
    private final int[] binCount;
    private final double[] y;
    private final ImportanceParams params;
    private final int mtry;

    private ForestImportance(byte[][] codes, int[] binCount, double[] y, ImportanceParams params) {
        this.codes = codes;
        this.binCount = binCount;
        this.y = y;
        this.params = params;
        this.mtry = Math.max(1, codes.length / 3);
    }

    /**
     * The normalised importance of each feature, then of the noise feature (index
     * {@code features.size()}); all 0 when no split was made.
     */
    static double[] compute(List<double[]> features, double[] y, ImportanceParams params) {
        int p = features.size() + 1;
        byte[][] codes = new byte[p][];
        int[] binCount = new int[p];
        SplittableRandom noise = new SplittableRandom(params.seed() ^ 0x5DEECE66DL);
        codes[p - 1] = new byte[y.length];
        binCount[p - 1] = BINS + 1;
        for (int i = 0; i < y.length; i++) {
            codes[p - 1][i] = (byte) (1 + noise.nextInt(BINS));
        }
        IntStream.range(0, p - 1).parallel().forEach(f -> {
            double[] x = features.get(f);
            double[] cuts = Binning.quantileCuts(x, BINS);
            binCount[f] = cuts.length + 2;
            byte[] c = new byte[x.length];
            for (int i = 0; i < x.length; i++) {
                c[i] = (byte) (Binning.binOf(cuts, x[i]) + 1); // missing (-1) becomes 0
            }
            codes[f] = c;
        });
        ForestImportance forest = new ForestImportance(codes, binCount, y, params);
        SplittableRandom root = new SplittableRandom(params.seed());
        long[] seeds = new long[params.trees()];
        for (int t = 0; t < seeds.length; t++) {
            seeds[t] = root.nextLong();
        }
        List<double[]> perTree = IntStream.range(0, seeds.length).parallel()
                .mapToObj(t -> forest.tree(new SplittableRandom(seeds[t]))).toList();
        double[] total = new double[p];
        for (double[] tree : perTree) {
            for (int f = 0; f < p; f++) {
                total[f] += tree[f];
            }
        }
        double sum = 0;
        for (double v : total) {
            sum += v;
        }
        for (int f = 0; f < p; f++) {
            total[f] = sum > 0 ? total[f] / sum : 0;
        }
        return total;
    }

    private double[] tree(SplittableRandom rng) {
        int n = y.length;
        int m = Math.min(n, params.samplesPerTree());
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = rng.nextInt(n);
        }
        double[] importance = new double[codes.length];
        int[] order = new int[codes.length];
        for (int f = 0; f < order.length; f++) {
            order[f] = f;
        }
        grow(idx, 0, m, 0, importance, order, rng);
        return importance;
    }

    private void grow(int[] idx, int start, int end, int depth, double[] importance, int[] order,
                      SplittableRandom rng) {
        int count = end - start;
        int minLeaf = params.minLeaf();
        if (depth >= params.maxDepth() || count < 2 * minLeaf) {
            return;
        }
        double sum = 0;
        for (int i = start; i < end; i++) {
            sum += y[idx[i]];
        }
        double parentScore = sum * sum / count;
        double bestGain = 1e-12 * count;
        int bestFeature = -1;
        int bestBin = -1;
        for (int k = 0; k < mtry; k++) {
            int swap = k + rng.nextInt(order.length - k);
            int f = order[swap];
            order[swap] = order[k];
            order[k] = f;
            int nb = binCount[f];
            long[] cnt = new long[nb];
            double[] s = new double[nb];
            byte[] c = codes[f];
            for (int i = start; i < end; i++) {
                int b = c[idx[i]];
                cnt[b]++;
                s[b] += y[idx[i]];
            }
            long nLeft = 0;
            double sLeft = 0;
            for (int b = 0; b < nb - 1; b++) {
                nLeft += cnt[b];
                sLeft += s[b];
                long nRight = count - nLeft;
                if (nLeft < minLeaf) {
                    continue;
                }
                if (nRight < minLeaf) {
                    break;
                }
                double sRight = sum - sLeft;
                double gain = sLeft * sLeft / nLeft + sRight * sRight / nRight - parentScore;
                if (gain > bestGain) {
                    bestGain = gain;
                    bestFeature = f;
                    bestBin = b;
                }
            }
        }
        if (bestFeature < 0) {
            return;
        }
        importance[bestFeature] += bestGain;
        byte[] c = codes[bestFeature];
        int split = start;
        for (int i = start; i < end; i++) {
            if (c[idx[i]] <= bestBin) {
                int tmp = idx[i];
                idx[i] = idx[split];
                idx[split++] = tmp;
            }
        }
        grow(idx, start, split, depth + 1, importance, order, rng);
        grow(idx, split, end, depth + 1, importance, order, rng);
    }
}
