package dev.loupe.core.geometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Polygons and boxes to masks, exactly as maskApi.c's rleFrPoly and rleFrBbox.
 *
 * <p>rleFrPoly upsamples the vertices by 5 ({@code (int)(5*v + 0.5)}, truncating toward zero),
 * walks every edge (the ring is closed) one upsampled step at a time, and keeps the points where
 * the upsampled x changes at a pixel centre column ({@code 5*col + 2}); each such crossing toggles
 * the mask in that column from row {@code ceil((min(v, vPrev) + 0.5)/5 - 0.5)} (clamped to
 * [0, height]) downwards. Consequences (all as pycocotools): a pixel is foreground roughly when
 * its centre is inside the polygon; crossings in columns outside [0, width-1] are dropped, while
 * rows are clamped, so parts of the polygon outside the image are clipped; the ring's winding
 * order does not matter; self-intersecting rings use the even-odd rule.
 *
 * <p>Where maskApi is undefined this class throws IllegalArgumentException: for a coordinate that
 * is NaN or infinite or whose upsampled value is not within (-2^30, 2^30), i.e. |v| above about
 * 2.1e8 pixels. Work is proportional to the ring's perimeter in 1/5 pixel steps. An image with no
 * pixels always gives the mask with counts [0].
 *
 * <p>Note for importers: pycocotools' Python wrapper ({@code frPyObjects}) treats a polygon list
 * whose first part has exactly 4 numbers as a list of boxes, and drops the last number of a part
 * of odd length; those rules belong to the caller, not to this class.
 */
public final class Rasterizer {
    private static final double SCALE = 5;
    private static final double LIMIT = 1 << 30;

    private Rasterizer() {
    }

    /**
     * rleFrPoly of one closed ring of {@code xy.length/2} vertices (x0, y0, x1, y1, ..., pixels)
     * into a {@code height x width} mask. Fewer than two distinct upsampled vertices give an empty
     * mask.
     *
     * @throws IllegalArgumentException if xy is null or of odd length, a coordinate is not finite
     *                                  or too large (see the class documentation), or the size is
     *                                  invalid
     */
    public static Rle fromPolygonRing(double[] xy, int height, int width) {
        Rle.checkSize(height, width);
        if (xy == null || xy.length % 2 != 0) {
            throw new IllegalArgumentException("polygon must be x,y pairs, got "
                    + (xy == null ? "null" : xy.length + " numbers"));
        }
        int k = xy.length / 2;
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = upsample(xy[2 * j]);
            y[j] = upsample(xy[2 * j + 1]);
        }
        if (height == 0 || width == 0 || k == 0) {
            return Rle.empty(height, width);
        }
        x[k] = x[0];
        y[k] = y[0];
        Crossings crossings = new Crossings(height, width);
        for (int j = 0; j < k; j++) {
            int xs = x[j];
            int xe = x[j + 1];
            int ys = y[j];
            int ye = y[j + 1];
            int dx = Math.abs(xe - xs);
            int dy = Math.abs(ys - ye);
            boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) {
                int t = xs;
                xs = xe;
                xe = t;
                t = ys;
                ys = ye;
                ye = t;
            }
            double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
            if (dx >= dy) {
                for (int d = 0; d <= dx; d++) {
                    int t = flip ? dx - d : d;
                    crossings.point(t + xs, (int) (ys + s * t + .5));
                }
            } else {
                for (int d = 0; d <= dy; d++) {
                    int t = flip ? dy - d : d;
                    crossings.point((int) (xs + s * t + .5), t + ys);
                }
            }
        }
        return crossings.toRle();
    }

    /**
     * The union of the polygon's non-hole rings ({@link Masks#merge} with intersect = false, as
     * pycocotools does for the parts of a COCO polygon) minus the union of its holes. A polygon
     * without non-hole rings gives the empty mask. COCO has no holes; without holes the result is
     * exactly pycocotools' {@code merge(frPyObjects(parts, h, w))}.
     *
     * @throws IllegalArgumentException as {@link #fromPolygonRing}
     */
    public static Rle fromPolygon(Polygon polygon, int height, int width) {
        Rle.checkSize(height, width);
        List<Rle> outer = new ArrayList<>();
        List<Rle> holes = new ArrayList<>();
        for (Ring r : polygon.rings()) {
            (r.hole() ? holes : outer).add(fromPolygonRing(r.xy(), height, width));
        }
        if (outer.isEmpty()) {
            return Rle.empty(height, width);
        }
        Rle shape = Masks.merge(outer, false);
        return holes.isEmpty() ? shape : Masks.minus(shape, Masks.merge(holes, false));
    }

    /**
     * rleFrBbox: the box (pixels) rasterized as the polygon (x, y), (x, y+h), (x+w, y+h), (x+w, y).
     * For integer boxes inside the image this is exactly the w*h pixels of the box.
     *
     * @throws IllegalArgumentException if a coordinate is not finite or too large
     */
    public static Rle fromBox(Box box, int height, int width) {
        double xs = box.x();
        double xe = xs + box.w();
        double ys = box.y();
        double ye = ys + box.h();
        return fromPolygonRing(new double[] {xs, ys, xs, ye, xe, ye, xe, ys}, height, width);
    }

    private static int upsample(double v) {
        double s = SCALE * v + .5;
        if (!(s > -LIMIT && s < LIMIT)) {
            throw new IllegalArgumentException("polygon coordinate " + v + " is not finite or too large (|v| must be"
                    + " below " + (LIMIT / SCALE) + " pixels)");
        }
        return (int) s;
    }

    /** Consumes the upsampled boundary points in order and collects the y-boundary crossings. */
    private static final class Crossings {
        private final int height;
        private final int width;
        private final IntList positions = new IntList(64);
        private boolean started;
        private int pu;
        private int pv;

        Crossings(int height, int width) {
            this.height = height;
            this.width = width;
        }

        void point(int u, int v) {
            if (started && u != pu) {
                crossing(u, v, pu, pv);
            }
            started = true;
            pu = u;
            pv = v;
        }

        private void crossing(int u, int v, int uPrev, int vPrev) {
            double xd = u < uPrev ? u : u - 1;
            xd = (xd + .5) / SCALE - .5;
            if (Math.floor(xd) != xd || xd < 0 || xd > width - 1) {
                return;
            }
            double yd = v < vPrev ? v : vPrev;
            yd = (yd + .5) / SCALE - .5;
            if (yd < 0) {
                yd = 0;
            } else if (yd > height) {
                yd = height;
            }
            yd = Math.ceil(yd);
            positions.add((int) xd * height + (int) yd);
        }

        Rle toRle() {
            positions.add(height * width);
            int[] a = positions.toArray();
            int k = a.length;
            Arrays.sort(a);
            int p = 0;
            for (int j = 0; j < k; j++) {
                int t = a[j];
                a[j] -= p;
                p = t;
            }
            IntList b = new IntList(k);
            int j = 0;
            b.add(a[j++]);
            while (j < k) {
                if (a[j] > 0) {
                    b.add(a[j++]);
                } else {
                    j++;
                    if (j < k) {
                        b.addToLast(a[j++]);
                    }
                }
            }
            return new Rle(height, width, b.toArray());
        }
    }
}
