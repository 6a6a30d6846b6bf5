package dev.loupe.eval.classification;

import java.util.List;

/**
 * Classification metrics of one prediction set.
 *
 * @param items           number of evaluated items
 * @param accuracy        fraction of items whose top-1 prediction is the true label
 * @param topK            top-k accuracy for each requested k, ascending k
 * @param classes         per-class report, one per column of the probability matrix, by index
 * @param macro           unweighted mean over all classes (columns), including classes with support 0
 * @param weighted        mean weighted by support (so weighted recall equals accuracy)
 * @param confusion       counts [true class][predicted class] of the top-1 predictions
 */
public record ClassificationResult(int items, double accuracy, List<TopKAccuracy> topK, List<ClassReport> classes,
                                   AveragedScores macro, AveragedScores weighted, long[][] confusion) {
    public ClassificationResult {
        topK = List.copyOf(topK);
        classes = List.copyOf(classes);
        confusion = deepCopy(confusion);
    }

    @Override
    public long[][] confusion() {
        return deepCopy(confusion);
    }

    private static long[][] deepCopy(long[][] m) {
        long[][] out = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /**
     * Top-k accuracy.
     *
     * @param k        how many highest-ranked classes count as a hit
     * @param accuracy fraction of items whose true label is among them
     */
    public record TopKAccuracy(int k, double accuracy) {
    }
}
