package dev.loupe.core.metrics.objects;

import dev.loupe.api.ObjectView;
import dev.loupe.api.ObjectView.Raster;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Rle;

/** Building object rasters (cropped to the object's window) and intersecting them. */
final class Rasters {
    private Rasters() {
    }

    /** A raster with no pixel. */
    static Raster empty() {
        return new Raster(0, 0, 0, 0, new boolean[0]);
    }

    /**
     * Every pixel whose centre (col + 0.5, row + 0.5) lies in the half-open box [x, x+w) x [y, y+h),
     * clipped to the image. For integer boxes this is exactly the pixels of the box, as COCO's
     * rleFrBbox gives them. Non-finite or empty boxes give the empty raster.
     */
    static Raster ofBox(Box b, int imageWidth, int imageHeight) {
        if (b.isDegenerate()) {
            return empty();
        }
        // centre c + 0.5 >= x  <=>  c >= x - 0.5;  c + 0.5 < x + w  <=>  c < x + w - 0.5
        int c0 = clampedCeil(b.x() - 0.5, imageWidth);
        int c1 = clampedCeil(b.x2() - 0.5, imageWidth);
        int r0 = clampedCeil(b.y() - 0.5, imageHeight);
        int r1 = clampedCeil(b.y2() - 0.5, imageHeight);
        if (c1 <= c0 || r1 <= r0) {
            return empty();
        }
        boolean[] inside = new boolean[(c1 - c0) * (r1 - r0)];
        java.util.Arrays.fill(inside, true);
        return new Raster(c0, r0, c1 - c0, r1 - r0, inside);
    }

    private static int clampedCeil(double v, int max) {
        return (int) Math.min(Math.max(Math.ceil(v), 0), max);
    }

    /**
     * The foreground of a column-major COCO mask, cropped to its bounding window and to the image
     * (a mask larger than the image is cut; a smaller one simply covers less). Works on the runs,
     * so the cost is the number of runs plus the window size, not the image size.
     */
    static Raster ofRle(Rle rle, int imageWidth, int imageHeight) {
        int h = rle.height();
        int w = Math.min(rle.width(), imageWidth);
        int hMax = Math.min(h, imageHeight);
        if (h == 0 || w == 0 || hMax == 0) {
            return empty();
        }
        int minC = Integer.MAX_VALUE;
        int maxC = -1;
        int minR = Integer.MAX_VALUE;
        int maxR = -1;
        long pos = 0;
        for (int i = 0; i < rle.runCount(); i++) {
            int n = rle.count(i);
            if (i % 2 == 1 && n > 0) {
                long j = pos;
                long e = pos + n;
                while (j < e) {
                    int col = (int) (j / h);
                    if (col >= w) {
                        break;
                    }
                    int row = (int) (j % h);
                    long segEnd = Math.min(e, (long) (col + 1) * h);
                    int rowEnd = Math.min(row + (int) (segEnd - j), hMax); // exclusive
                    if (row < rowEnd) {
                        minC = Math.min(minC, col);
                        maxC = Math.max(maxC, col);
                        minR = Math.min(minR, row);
                        maxR = Math.max(maxR, rowEnd - 1);
                    }
                    j = segEnd;
                }
            }
            pos += n;
        }
        if (maxC < 0) {
            return empty();
        }
        int ww = maxC - minC + 1;
        int wh = maxR - minR + 1;
        boolean[] inside = new boolean[ww * wh];
        pos = 0;
        for (int i = 0; i < rle.runCount(); i++) {
            int n = rle.count(i);
            if (i % 2 == 1 && n > 0) {
                long j = pos;
                long e = pos + n;
                while (j < e) {
                    int col = (int) (j / h);
                    if (col >= w) {
                        break;
                    }
                    int row = (int) (j % h);
                    long segEnd = Math.min(e, (long) (col + 1) * h);
                    int rowEnd = Math.min(row + (int) (segEnd - j), hMax);
                    for (int r = row; r < rowEnd; r++) {
                        inside[(r - minR) * ww + (col - minC)] = true;
                    }
                    j = segEnd;
                }
            }
            pos += n;
        }
        return new Raster(minC, minR, ww, wh, inside);
    }

    /** Number of pixels of an object's raster (cached for {@link GeometryObject}). */
    static int count(ObjectView o) {
        return o instanceof GeometryObject g ? g.pixelCount() : o.raster().count();
    }

    /**
     * Intersection over union of two rasters in pixels: |A ∩ B| / |A ∪ B|, 0 when either is empty
     * or they do not meet. The same number as maskApi's rleIou on the full-image masks.
     */
    static double iou(Raster a, int countA, Raster b, int countB) {
        if (countA == 0 || countB == 0) {
            return 0;
        }
        int x0 = Math.max(a.x0(), b.x0());
        int x1 = Math.min(a.x0() + a.width(), b.x0() + b.width());
        int y0 = Math.max(a.y0(), b.y0());
        int y1 = Math.min(a.y0() + a.height(), b.y0() + b.height());
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        boolean[] ia = a.inside();
        boolean[] ib = b.inside();
        long inter = 0;
        for (int y = y0; y < y1; y++) {
            int ra = (y - a.y0()) * a.width() - a.x0();
            int rb = (y - b.y0()) * b.width() - b.x0();
            for (int x = x0; x < x1; x++) {
                if (ia[ra + x] && ib[rb + x]) {
                    inter++;
                }
            }
        }
        if (inter == 0) {
            return 0;
        }
        return (double) inter / (double) (countA + (long) countB - inter);
    }
}
