package dev.loupe.core.geometry;

import java.util.List;

/**
 * Intersection over union, exactly as maskApi.c's bbIou and rleIou (what pycocotools'
 * {@code mask.iou} and COCOeval use). For a crowd ground truth the denominator is the area of the
 * detection instead of the union. Results are unitless ratios in [0, 1] for valid input.
 */
public final class Iou {
    private Iou() {
    }

    /**
     * bbIou of a detection box and a ground-truth box (pixels).
     *
     * <p>Returns 0 when the boxes do not overlap with positive width and height (so disjoint and
     * edge-touching boxes give 0, and so does any box with w or h &lt;= 0 against a normal box).
     * Otherwise intersection / (dtArea + gtArea - intersection), or intersection / dtArea if
     * {@code gtIsCrowd}. Areas are {@code w*h}. NaN is handled as C's fmin/fmax do (a NaN operand is
     * ignored), so NaN input may still give a number, as in pycocotools.
     */
    public static double box(Box dt, Box gt, boolean gtIsCrowd) {
        double ga = gt.w() * gt.h();
        double da = dt.w() * dt.h();
        double w = fmin(dt.w() + dt.x(), gt.w() + gt.x()) - fmax(dt.x(), gt.x());
        if (w <= 0) {
            return 0;
        }
        double h = fmin(dt.h() + dt.y(), gt.h() + gt.y()) - fmax(dt.y(), gt.y());
        if (h <= 0) {
            return 0;
        }
        double i = w * h;
        double u = gtIsCrowd ? da : da + ga - i;
        return i / u;
    }

    /**
     * rleIou of a detection mask and a ground-truth mask.
     *
     * <p>As maskApi: first the IoU of the two {@link Masks#toBox} boxes is computed; if it is not
     * &gt; 0 that value (0) is returned without looking at the pixels, so two empty masks (union 0)
     * give 0 and never divide by zero. If the boxes overlap but the mask sizes differ the result
     * is -1. Otherwise intersection / union pixels, or intersection / area(dt) if
     * {@code gtIsCrowd}; an intersection of 0 gives 0.
     */
    public static double mask(Rle dt, Rle gt, boolean gtIsCrowd) {
        return mask(dt, Masks.toBox(dt), gt, Masks.toBox(gt), gtIsCrowd);
    }

    /**
     * bbIou for all pairs: {@code result[d][g]} is {@link #box} of dt d and gt g.
     *
     * @param gtCrowd crowd flag per gt, or null for none crowd
     * @throws IllegalArgumentException if gtCrowd's length differs from gt's size
     */
    public static double[][] boxes(List<Box> dt, List<Box> gt, boolean[] gtCrowd) {
        checkCrowd(gt.size(), gtCrowd);
        double[][] o = new double[dt.size()][gt.size()];
        for (int g = 0; g < gt.size(); g++) {
            boolean crowd = gtCrowd != null && gtCrowd[g];
            for (int d = 0; d < dt.size(); d++) {
                o[d][g] = box(dt.get(d), gt.get(g), crowd);
            }
        }
        return o;
    }

    /**
     * rleIou for all pairs: {@code result[d][g]} is {@link #mask} of dt d and gt g.
     *
     * @param gtCrowd crowd flag per gt, or null for none crowd
     * @throws IllegalArgumentException if gtCrowd's length differs from gt's size
     */
    public static double[][] masks(List<Rle> dt, List<Rle> gt, boolean[] gtCrowd) {
        checkCrowd(gt.size(), gtCrowd);
        Box[] db = dt.stream().map(Masks::toBox).toArray(Box[]::new);
        Box[] gb = gt.stream().map(Masks::toBox).toArray(Box[]::new);
        double[][] o = new double[dt.size()][gt.size()];
        for (int g = 0; g < gt.size(); g++) {
            boolean crowd = gtCrowd != null && gtCrowd[g];
            for (int d = 0; d < dt.size(); d++) {
                o[d][g] = mask(dt.get(d), db[d], gt.get(g), gb[g], crowd);
            }
        }
        return o;
    }

    private static double mask(Rle dt, Box dtBox, Rle gt, Box gtBox, boolean crowd) {
        double o = box(dtBox, gtBox, crowd);
        if (!(o > 0)) {
            return o;
        }
        if (dt.height() != gt.height() || dt.width() != gt.width()) {
            return -1;
        }
        int[] a = dt.countsRef();
        int[] b = gt.countsRef();
        int ca = a.length > 0 ? a[0] : 0;
        int cb = b.length > 0 ? b[0] : 0;
        boolean va = false;
        boolean vb = false;
        int ia = 1;
        int ib = 1;
        long i = 0;
        long u = 0;
        long ct = 1;
        while (ct > 0) {
            int c = Math.min(ca, cb);
            if (va || vb) {
                u += c;
                if (va && vb) {
                    i += c;
                }
            }
            ct = 0;
            ca -= c;
            if (ca == 0 && ia < a.length) {
                ca = a[ia++];
                va = !va;
            }
            ct += ca;
            cb -= c;
            if (cb == 0 && ib < b.length) {
                cb = b[ib++];
                vb = !vb;
            }
            ct += cb;
        }
        if (i == 0) {
            u = 1;
        } else if (crowd) {
            u = Masks.area(dt);
        }
        return (double) i / (double) u;
    }

    private static void checkCrowd(int gtCount, boolean[] gtCrowd) {
        if (gtCrowd != null && gtCrowd.length != gtCount) {
            throw new IllegalArgumentException("gtCrowd has " + gtCrowd.length + " flags for " + gtCount
                    + " ground truths");
        }
    }

    /** C's fmin: a NaN operand is ignored. */
    static double fmin(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** C's fmax: a NaN operand is ignored. */
    static double fmax(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.max(a, b);
    }
}
