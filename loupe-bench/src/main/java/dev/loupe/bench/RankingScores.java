package dev.loupe.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How well a score ranks the injected errors: precision and recall in the k lowest scores (lower =
 * likelier an error; ties broken by a seeded shuffle, NaN = not suspected, ranked last) and the
 * AUROC (the chance that an error scores lower than a clean item, ties counting one half).
 */
record RankingScores(double precisionAtK, double recallAtK, double auroc) {
    static RankingScores of(double[] scores, boolean[] positive, int k, long seed) {
        int n = scores.length;
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = Double.isNaN(scores[i]) ? Double.POSITIVE_INFINITY : scores[i];
        }
        long positives = count(positive);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] tie = new double[n];
        for (int i = 0; i < n; i++) {
            tie[i] = rnd.nextDouble();
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> s[a] != s[b] ? Double.compare(s[a], s[b]) : Double.compare(tie[a], tie[b]));
        int top = Math.min(k, n);
        int hits = 0;
        for (int r = 0; r < top; r++) {
            hits += positive[order[r]] ? 1 : 0;
        }
        return new RankingScores(top == 0 ? Double.NaN : (double) hits / top,
                positives == 0 ? Double.NaN : (double) hits / positives, auroc(s, positive, positives));
    }

    /** What a random ranking gives on average. */
    static RankingScores random(boolean[] positive, int k) {
        int n = positive.length;
        long positives = count(positive);
        int top = Math.min(k, n);
        return new RankingScores(n == 0 ? Double.NaN : (double) positives / n, n == 0 ? Double.NaN : (double) top / n, 0.5);
    }

    /** Mann-Whitney: average ranks over ties, errors ranked by how low they score. */
    private static double auroc(double[] s, boolean[] positive, long positives) {
        int n = s.length;
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Descending: a low score (likelier an error) gets a high rank.
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && s[order[j + 1]] == s[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int m = i; m <= j; m++) {
                if (positive[order[m]]) {
                    rankSum += rank;
                }
            }
            i = j + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static long count(boolean[] b) {
        long c = 0;
        for (boolean x : b) {
            c += x ? 1 : 0;
        }
        return c;
    }
}
