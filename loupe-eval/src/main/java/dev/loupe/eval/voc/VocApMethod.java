package dev.loupe.eval.voc;

/** How a precision-recall curve becomes one AP number. */
public enum VocApMethod {
    /**
     * VOC2007: the mean over recall r = 0, 0.1, ..., 1.0 (11 points) of the largest precision at
     * any recall &gt;= r (0 where no such recall is reached).
     */
    ELEVEN_POINT,
    /**
     * VOC2010 and later: the exact area under the monotone envelope of the curve (precision made
     * non-increasing from the right), summed over the recall steps of the curve.
     */
    ALL_POINT
}
