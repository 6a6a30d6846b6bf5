package dev.loupe.core.geometry;

import java.util.ArrayList;
import java.util.List;

/**
 * A polygon in pixels (continuous coordinates, see the package documentation): one or more
 * non-hole rings whose union is the shape, minus any hole rings. A COCO polygon segmentation
 * (a list of parts) is several non-hole rings and no holes; COCO has no holes.
 *
 * @param rings the rings, in order; the list is copied
 */
public record Polygon(List<Ring> rings) {

    /** @throws IllegalArgumentException if rings is null or contains null */
    public Polygon {
        if (rings == null) {
            throw new IllegalArgumentException("rings must not be null");
        }
        for (Ring r : rings) {
            if (r == null) {
                throw new IllegalArgumentException("rings must not contain null");
            }
        }
        rings = List.copyOf(rings);
    }

    /**
     * A polygon from COCO "segmentation" parts, each a flat x0, y0, x1, y1, ... array in pixels;
     * every part becomes a non-hole ring.
     *
     * @throws IllegalArgumentException if parts is null or a part is null or has an odd length
     */
    public static Polygon ofCocoParts(List<double[]> parts) {
        if (parts == null) {
            throw new IllegalArgumentException("parts must not be null");
        }
        List<Ring> rings = new ArrayList<>(parts.size());
        for (double[] p : parts) {
            rings.add(new Ring(p, false));
        }
        return new Polygon(rings);
    }

    /** The non-hole rings, in order. */
    public List<Ring> outerRings() {
        return rings.stream().filter(r -> !r.hole()).toList();
    }

    /** The hole rings, in order. */
    public List<Ring> holes() {
        return rings.stream().filter(Ring::hole).toList();
    }

    /**
     * Geometric area in square pixels: the sum of the absolute shoelace areas of the non-hole
     * rings minus those of the holes. Overlapping parts are counted twice (this is not the area
     * of the union) and this is not COCO's "area", which pycocotools takes from the rasterized
     * mask ({@link Masks#area(Rle)} of {@link Rasterizer#fromPolygon}).
     */
    public double area() {
        double a = 0;
        for (Ring r : rings) {
            a += r.hole() ? -r.area() : r.area();
        }
        return a;
    }

    /**
     * Geometric bounding box in pixels: min/max over the vertices of the non-hole rings (holes
     * cannot extend the shape). Returns Box(0, 0, 0, 0) when there is no non-hole vertex; NaN
     * coordinates propagate into the result. Note that pycocotools computes the bbox of a polygon
     * annotation through its mask ({@link Masks#toBox(Rle)}), which is snapped to whole pixels.
     */
    public Box bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (Ring r : rings) {
            if (r.hole()) {
                continue;
            }
            for (int i = 0; i < r.vertexCount(); i++) {
                any = true;
                minX = Math.min(minX, r.x(i));
                maxX = Math.max(maxX, r.x(i));
                minY = Math.min(minY, r.y(i));
                maxY = Math.max(maxY, r.y(i));
            }
        }
        return any ? Box.fromCorners(minX, minY, maxX, maxY) : new Box(0, 0, 0, 0);
    }
}
