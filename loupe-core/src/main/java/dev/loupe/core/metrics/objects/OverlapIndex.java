package dev.loupe.core.metrics.objects;

import dev.loupe.api.ObjectView;
import dev.loupe.api.ObjectView.Raster;
import dev.loupe.api.ShapeKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which objects of one image may overlap which: a uniform grid over conservative extents, so that
 * the annotation metrics that look for overlaps cost the pairs that share a cell instead of all
 * n(n-1) pairs (50 000 boxes on one image took 109 s with all pairs).
 *
 * <p>An object's extent contains everything its {@link GeometryObject#iou} can see: for a box
 * [x-1, x+w+1] x [y-1, y+h+1] (its box, and its raster, whose pixels have centres in the box); for a
 * polygon or mask its raster window. Two objects whose closed extents do not meet have IoU 0, so
 * leaving them out changes no largest-IoU value. Image-level labels, boxes with w or h &lt;= 0 and
 * shapes with no pixel overlap nothing (their IoU with anything is 0). Boxes with a non-finite
 * coordinate are "wild": {@link dev.loupe.core.geometry.Iou#box} ignores NaN operands as C's
 * fmin/fmax do, so they may overlap anything; they are candidates of every object and see every
 * object. An object covering more than {@value #MAX_CELLS} cells is not put in the grid but
 * checked against everything, once per query.
 *
 * <p>Boxes that are exact copies (same x, y, w, h, class and crowd flag) are one entry: a query
 * lists one of them (another than the asking object), as {@link dev.loupe.api.AnnotationContext#overlapping}
 * allows, so a stack of n identical boxes costs n queries of one candidate, not n^2.
 *
 * <p>Each pair is reported once per query, from the cell holding the top-left corner of the two
 * extents' intersection, so a query needs no per-query state. Only valid for {@link GeometryObject}s
 * (their IoU is the one described above).
 */
final class OverlapIndex {
    static final int MAX_CELLS = 64;
    private static final byte NONE = 0;
    private static final byte WILD = 1;
    private static final byte GRID = 2;
    private static final byte BIG = 3;

    private final List<? extends ObjectView> objects;
    private final byte[] kind;
    private final double[] x0;
    private final double[] y0;
    private final double[] x1;
    private final double[] y1;
    private final int[] wild;
    private final int[] big;
    private final int[] placed;
    private final double gx;
    private final double gy;
    private final double cw;
    private final double ch;
    private final int cols;
    private final int rows;
    private final int[] cellStart;
    private final int[] cellItems;
    /** For each object, the first of its copies (itself when it has none); -1 outside the grid. */
    private final int[] copyOf;
    /** For each object, the next of its copies, or -1. */
    private final int[] nextCopy;

    OverlapIndex(List<? extends ObjectView> objects) {
        this.objects = objects;
        int n = objects.size();
        kind = new byte[n];
        x0 = new double[n];
        y0 = new double[n];
        x1 = new double[n];
        y1 = new double[n];
        List<Integer> wilds = new ArrayList<>();
        List<Integer> spatial = new ArrayList<>();
        copyOf = new int[n];
        nextCopy = new int[n];
        Arrays.fill(nextCopy, -1);
        Map<CopyKey, Integer> firsts = new HashMap<>();
        int[] lastCopy = new int[n];
        for (int i = 0; i < n; i++) {
            kind[i] = extent(i, objects.get(i));
            copyOf[i] = i;
            if (kind[i] == WILD) {
                wilds.add(i);
            } else if (kind[i] == GRID) {
                ObjectView o = objects.get(i);
                Integer first = o.shape() == ShapeKind.BOX ? firsts.putIfAbsent(CopyKey.of(o), i) : null;
                if (first == null) {
                    spatial.add(i);
                    lastCopy[i] = i;
                } else {
                    copyOf[i] = first;
                    nextCopy[lastCopy[first]] = i;
                    lastCopy[first] = i;
                }
            }
        }
        wild = wilds.stream().mapToInt(Integer::intValue).toArray();
        placed = spatial.stream().mapToInt(Integer::intValue).toArray();
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double[] widths = new double[placed.length];
        double[] heights = new double[placed.length];
        for (int k = 0; k < placed.length; k++) {
            int i = placed[k];
            minX = Math.min(minX, x0[i]);
            minY = Math.min(minY, y0[i]);
            maxX = Math.max(maxX, x1[i]);
            maxY = Math.max(maxY, y1[i]);
            widths[k] = x1[i] - x0[i];
            heights[k] = y1[i] - y0[i];
        }
        int side = (int) Math.ceil(Math.sqrt(placed.length));
        gx = placed.length == 0 ? 0 : minX;
        gy = placed.length == 0 ? 0 : minY;
        cols = cells(maxX - minX, widths, side);
        rows = cells(maxY - minY, heights, side);
        cw = cols == 1 ? 1 : (maxX - minX) / cols;
        ch = rows == 1 ? 1 : (maxY - minY) / rows;
        int[] counts = new int[cols * rows + 1];
        List<Integer> bigs = new ArrayList<>();
        for (int i : placed) {
            int cx0 = col(x0[i]);
            int cx1 = col(x1[i]);
            int cy0 = row(y0[i]);
            int cy1 = row(y1[i]);
            if ((long) (cx1 - cx0 + 1) * (cy1 - cy0 + 1) > MAX_CELLS) {
                kind[i] = BIG;
                bigs.add(i);
                continue;
            }
            for (int r = cy0; r <= cy1; r++) {
                for (int c = cx0; c <= cx1; c++) {
                    counts[r * cols + c + 1]++;
                }
            }
        }
        big = bigs.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < n; i++) {
            kind[i] = kind[copyOf[i]];
        }
        for (int k = 1; k < counts.length; k++) {
            counts[k] += counts[k - 1];
        }
        cellStart = counts;
        cellItems = new int[counts[counts.length - 1]];
        int[] fill = Arrays.copyOf(counts, counts.length - 1);
        for (int i : placed) {
            if (kind[i] != GRID) {
                continue;
            }
            for (int r = row(y0[i]); r <= row(y1[i]); r++) {
                for (int c = col(x0[i]); c <= col(x1[i]); c++) {
                    cellItems[fill[r * cols + c]++] = i;
                }
            }
        }
    }

    /** Grid cells along one axis: about one typical object per cell, at most 2 sqrt(n). */
    private static int cells(double extent, double[] sizes, int side) {
        if (sizes.length == 0 || !(extent > 0) || !Double.isFinite(extent)) {
            return 1;
        }
        double[] sorted = sizes.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double wanted = median > 0 ? Math.ceil(extent / median) : 2.0 * side;
        return (int) Math.max(1, Math.min(wanted, 2.0 * side));
    }

    private byte extent(int i, ObjectView o) {
        if (o.shape() == ShapeKind.LABEL) {
            return NONE;
        }
        if (o.shape() == ShapeKind.BOX) {
            double x = o.x();
            double y = o.y();
            double w = o.w();
            double h = o.h();
            x0[i] = x - 1;
            y0[i] = y - 1;
            x1[i] = x + w + 1;
            y1[i] = y + h + 1;
            if (!(Double.isFinite(w) && Double.isFinite(h) && Double.isFinite(x0[i]) && Double.isFinite(y0[i])
                    && Double.isFinite(x1[i]) && Double.isFinite(y1[i]))) {
                return WILD;
            }
            return w > 0 && h > 0 ? GRID : NONE;
        }
        Raster r = o.raster();
        if (r.width() == 0 || r.height() == 0) {
            return NONE;
        }
        x0[i] = r.x0();
        y0[i] = r.y0();
        x1[i] = (double) r.x0() + r.width();
        y1[i] = (double) r.y0() + r.height();
        return GRID;
    }

    private int col(double v) {
        return clamp((int) Math.floor((v - gx) / cw), cols);
    }

    private int row(double v) {
        return clamp((int) Math.floor((v - gy) / ch), rows);
    }

    private static int clamp(int v, int n) {
        return Math.max(0, Math.min(v, n - 1));
    }

    private boolean meet(int i, int j) {
        return x0[i] <= x1[j] && x0[j] <= x1[i] && y0[i] <= y1[j] && y0[j] <= y1[i];
    }

    /** The objects other than object {@code i} that may overlap it (see the class comment). */
    List<ObjectView> overlapping(int i) {
        List<ObjectView> out = new ArrayList<>();
        if (kind[i] == NONE) {
            return out;
        }
        for (int j : wild) {
            if (j != i) {
                out.add(objects.get(j));
            }
        }
        if (kind[i] == WILD || kind[i] == BIG) {
            for (int j : placed) {
                if (kind[i] == WILD || meet(i, j)) {
                    addCopy(out, i, j);
                }
            }
            return out;
        }
        for (int j : big) {
            if (meet(i, j)) {
                addCopy(out, i, j);
            }
        }
        for (int r = row(y0[i]); r <= row(y1[i]); r++) {
            for (int c = col(x0[i]); c <= col(x1[i]); c++) {
                int cell = r * cols + c;
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int j = cellItems[k];
                    if (meet(i, j) && row(Math.max(y0[i], y0[j])) == r && col(Math.max(x0[i], x0[j])) == c) {
                        addCopy(out, i, j);
                    }
                }
            }
        }
        return out;
    }

    /** Adds the first of j's copies, or the next one when that is the asking object i itself. */
    private void addCopy(List<ObjectView> out, int i, int j) {
        int k = j == i ? nextCopy[j] : j;
        if (k >= 0) {
            out.add(objects.get(k));
        }
    }

    /** What makes two boxes the same object for IoU, class and crowd (the coordinates' exact bits). */
    private record CopyKey(long x, long y, long w, long h, Integer classId, boolean crowd) {
        static CopyKey of(ObjectView o) {
            return new CopyKey(Double.doubleToLongBits(o.x()), Double.doubleToLongBits(o.y()),
                    Double.doubleToLongBits(o.w()), Double.doubleToLongBits(o.h()), o.classId(), o.crowd());
        }
    }
}
