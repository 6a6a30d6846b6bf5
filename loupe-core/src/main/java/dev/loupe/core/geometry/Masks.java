package dev.loupe.core.geometry;

import java.util.Arrays;
import java.util.List;

/** Operations on {@link Rle} masks, exactly as maskApi.c's rleArea, rleToBbox, rleMerge, rleInvert. */
public final class Masks {
    private static final long UINT = 0xFFFF_FFFFL;

    private Masks() {
    }

    /** rleArea: number of foreground pixels (sum of the odd-indexed counts). */
    public static long area(Rle rle) {
        int[] c = rle.countsRef();
        long a = 0;
        for (int j = 1; j < c.length; j += 2) {
            a += c[j];
        }
        return a;
    }

    /**
     * rleToBbox: the bounding box in pixels of the foreground, snapped to whole pixels
     * (x, y = first column/row, w, h = number of columns/rows spanned).
     *
     * <p>Edge cases, as maskApi: a mask with fewer than two runs (no foreground run at all, e.g.
     * the empty mask) gives Box(0, 0, 0, 0); only the first {@code 2*floor(m/2)} runs are looked at;
     * a foreground run that spans more than one column makes the box full height; a mask that
     * does have foreground runs but all of length 0 gives maskApi's result computed with 32-bit
     * unsigned arithmetic (a box around the pixel before the run boundary, or a huge box when that
     * underflows). For an image with no pixels this returns Box(0, 0, 0, 0) (maskApi divides by
     * zero).
     */
    public static Box toBox(Rle rle) {
        int[] cnts = rle.countsRef();
        long h = rle.height();
        long w = rle.width();
        int m = (cnts.length / 2) * 2;
        if (m == 0 || h == 0 || w == 0) {
            return new Box(0, 0, 0, 0);
        }
        long xs = w;
        long ys = h;
        long xe = 0;
        long ye = 0;
        long cc = 0;
        long xp = 0;
        for (int j = 0; j < m; j++) {
            cc = (cc + cnts[j]) & UINT;
            long t = (cc - j % 2) & UINT;
            long y = t % h;
            long x = (t - y) / h;
            if (j % 2 == 0) {
                xp = x;
            } else if (xp < x) {
                ys = 0;
                ye = h - 1;
            }
            xs = Math.min(xs, x);
            xe = Math.max(xe, x);
            ys = Math.min(ys, y);
            ye = Math.max(ye, y);
        }
        return new Box(xs, ys, (xe - xs + 1) & UINT, (ye - ys + 1) & UINT);
    }

    /**
     * rleMerge: the union ({@code intersect == false}) or intersection of the masks.
     *
     * <p>As maskApi: an empty list gives the 0x0 mask with no runs; a single mask is returned
     * unchanged; if any mask's size differs from the first one's the result is the 0x0 mask with
     * no runs. The output keeps maskApi's exact run structure (it is not re-normalised).
     *
     * @throws IllegalArgumentException if the list or an element is null
     */
    public static Rle merge(List<Rle> rles, boolean intersect) {
        if (rles == null) {
            throw new IllegalArgumentException("masks to merge must not be null");
        }
        for (Rle r : rles) {
            if (r == null) {
                throw new IllegalArgumentException("masks to merge must not contain null");
            }
        }
        if (rles.isEmpty()) {
            return new Rle(0, 0, new int[0]);
        }
        Rle first = rles.get(0);
        if (rles.size() == 1) {
            return first;
        }
        int h = first.height();
        int w = first.width();
        int[] cnts = first.countsRef();
        for (int i = 1; i < rles.size(); i++) {
            Rle other = rles.get(i);
            if (other.height() != h || other.width() != w) {
                return new Rle(0, 0, new int[0]);
            }
            cnts = mergeTwo(cnts, other.countsRef(), intersect);
        }
        return new Rle(h, w, cnts);
    }

    private static int[] mergeTwo(int[] a, int[] b, boolean intersect) {
        IntList out = new IntList(a.length + b.length + 1);
        int ca = a.length > 0 ? a[0] : 0; // maskApi reads cnts[0] unconditionally
        int cb = b.length > 0 ? b[0] : 0;
        boolean v = false;
        boolean va = false;
        boolean vb = false;
        int ia = 1;
        int ib = 1;
        int cc = 0;
        long ct = 1;
        while (ct > 0) {
            int c = Math.min(ca, cb);
            cc += c;
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
            boolean vp = v;
            v = intersect ? va && vb : va || vb;
            if (v != vp || ct == 0) {
                out.add(cc);
                cc = 0;
            }
        }
        return out.toArray();
    }

    /**
     * rleInvert: the complement mask. Drops a leading zero-length run or prepends one, as
     * maskApi; a mask with no runs is returned unchanged.
     */
    public static Rle invert(Rle rle) {
        int[] c = rle.countsRef();
        if (c.length == 0) {
            return rle;
        }
        if (c[0] == 0) {
            return new Rle(rle.height(), rle.width(), Arrays.copyOfRange(c, 1, c.length));
        }
        int[] out = new int[c.length + 1];
        System.arraycopy(c, 0, out, 1, c.length);
        return new Rle(rle.height(), rle.width(), out);
    }

    /**
     * The pixels of {@code a} that are not in {@code b} (used for polygon holes; not part of COCO):
     * {@code merge([a, invert(b)], intersect = true)}.
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public static Rle minus(Rle a, Rle b) {
        if (a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("mask sizes differ: " + a.height() + "x" + a.width() + " and "
                    + b.height() + "x" + b.width());
        }
        return merge(List.of(a, invert(b)), true);
    }
}
