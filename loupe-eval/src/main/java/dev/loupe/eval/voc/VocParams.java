package dev.loupe.eval.voc;

import java.util.Objects;

/**
 * Parameters of a VOC evaluation.
 *
 * @param iouThreshold   a detection is a true positive when its best IoU is &gt;= this (VOC: 0.5;
 *                       the MATLAB devkit tests {@code >=}, the Python port {@code >}; Loupe uses
 *                       {@code >=}). In (0, 1]
 * @param method         how AP is read off the precision-recall curve
 * @param pixelInclusive false (default): boxes are continuous, IoU uses w * h. True: the devkit's
 *                       convention that corners are inclusive integer pixel indices, so every width
 *                       and height gets +1 in the intersection and the areas (exactly as
 *                       {@code VOCevaldet.m}; use it to reproduce official VOC numbers from boxes
 *                       read as w = xmax - xmin)
 */
public record VocParams(double iouThreshold, VocApMethod method, boolean pixelInclusive) {
    public VocParams {
        Objects.requireNonNull(method, "method");
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + iouThreshold);
        }
    }

    /** VOC2010+ all-point AP at IoU 0.5, continuous coordinates. */
    public static VocParams voc2012() {
        return new VocParams(0.5, VocApMethod.ALL_POINT, false);
    }

    /** VOC2007 11-point AP at IoU 0.5, continuous coordinates. */
    public static VocParams voc2007() {
        return new VocParams(0.5, VocApMethod.ELEVEN_POINT, false);
    }
}
