package dev.loupe.eval;

import java.util.Objects;

/**
 * The interpolated precision-recall curve of one class at one IoU threshold, area "all" and the
 * largest detection limit: precision (the best precision at this recall or higher, 0 beyond the
 * highest recall reached) at each recall threshold. Empty when the class has no non-ignored
 * ground truth.
 *
 * @param categoryId   the Loupe category id
 * @param iouThreshold the IoU threshold
 * @param recall       the recall points (copied)
 * @param precision    precision at each point, same length (copied)
 */
public record PrCurve(int categoryId, double iouThreshold, double[] recall, double[] precision) {
    public PrCurve {
        Objects.requireNonNull(recall, "recall");
        Objects.requireNonNull(precision, "precision");
        if (recall.length != precision.length) {
            throw new IllegalArgumentException(recall.length + " recall points but " + precision.length
                    + " precision values");
        }
        recall = recall.clone();
        precision = precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    public int size() {
        return recall.length;
    }

    public boolean isEmpty() {
        return recall.length == 0;
    }
}
