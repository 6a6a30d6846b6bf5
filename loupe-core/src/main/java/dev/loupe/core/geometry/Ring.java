package dev.loupe.core.geometry;

import java.util.Arrays;

/**
 * One closed ring of a polygon: vertices as a flat array x0, y0, x1, y1, ... in pixels
 * (continuous coordinates, see the package documentation). The ring is implicitly closed (the
 * last vertex connects to the first); the first vertex should not be repeated at the end.
 *
 * <p>Any double is accepted (NaN, infinities) so that importers can represent bad input; fewer
 * than three vertices are accepted too (their area is 0). The array is copied on the way in and
 * on the way out.
 *
 * @param xy   flat vertex coordinates in pixels; even length
 * @param hole true if this ring is a hole cut out of the non-hole rings (COCO has no holes)
 */
public record Ring(double[] xy, boolean hole) {

    /** @throws IllegalArgumentException if xy is null or has an odd length */
    public Ring {
        if (xy == null) {
            throw new IllegalArgumentException("ring coordinates must not be null");
        }
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("ring coordinates must be x,y pairs, got an odd count " + xy.length);
        }
        xy = xy.clone();
    }

    /** A non-hole ring. */
    public static Ring of(double... xy) {
        return new Ring(xy, false);
    }

    /** A copy of the flat coordinates x0, y0, x1, y1, ..., pixels. */
    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** Number of vertices. */
    public int vertexCount() {
        return xy.length / 2;
    }

    /** x of vertex i, pixels. */
    public double x(int i) {
        return xy[2 * i];
    }

    /** y of vertex i, pixels. */
    public double y(int i) {
        return xy[2 * i + 1];
    }

    /**
     * Shoelace area in square pixels, signed: positive when the vertices run clockwise on screen
     * (counter-clockwise in a y-up frame), negative otherwise.
     */
    public double signedArea() {
        int n = vertexCount();
        double twice = 0;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            twice += x(i) * y(j) - x(j) * y(i);
        }
        return twice / 2;
    }

    /** Absolute shoelace area in square pixels (0 for fewer than three vertices). */
    public double area() {
        return Math.abs(signedArea());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ring r && hole == r.hole && Arrays.equals(xy, r.xy);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(xy) + Boolean.hashCode(hole);
    }

    @Override
    public String toString() {
        return "Ring[xy=" + Arrays.toString(xy) + ", hole=" + hole + "]";
    }
}
