package dev.loupe.api;

/**
 * An annotation or prediction as a metric sees it. Coordinates are pixels, top-left origin,
 * continuous (pixel (col, row) covers [col, col+1) x [row, row+1)); the box is x, y, w, h.
 */
public interface ObjectView {
    long id();

    ShapeKind shape();

    /** Class id, or null when the class is unknown. */
    Integer classId();

    /** Class name, or null. */
    String className();

    boolean crowd();

    /** Label or prediction confidence in [0, 1], or NaN when there is none. */
    double confidence();

    double x();

    double y();

    double w();

    double h();

    /**
     * Area in pixels of the shape itself: w*h for a box, the shoelace area (minus holes) for a
     * polygon, the pixel count for a mask; NaN for an image-level label.
     */
    double area();

    /**
     * The pixels covered by the shape, clipped to the image: for boxes every pixel whose centre is
     * inside, for polygons and masks the COCO rasterisation. Computed once per object.
     */
    Raster raster();

    /**
     * Intersection over union with another object of the same image: box IoU when both are boxes,
     * else the IoU of their rasters (COCO semantics, not crowd-aware). 0 for image-level labels.
     */
    double iou(ObjectView other);

    /**
     * A value derived from this object, computed on first use and kept for the other metrics of
     * this object (e.g. one pass over its pixels shared by several metrics). Keys are global: name
     * exactly what is computed. An object belongs to one thread at a time. The default computes
     * every time (no cache).
     */
    default <T> T derived(String key, java.util.function.Function<ObjectView, T> compute) {
        return compute.apply(this);
    }

    /**
     * The pixels of an object: a window of the image and, inside it, which pixels belong.
     *
     * @param x0     left column of the window
     * @param y0     top row
     * @param width  window width (0 when the object covers no pixel)
     * @param height window height
     * @param inside row-major width*height flags
     */
    record Raster(int x0, int y0, int width, int height, boolean[] inside) {
        /** Number of pixels inside. */
        public int count() {
            int n = 0;
            for (boolean b : inside) {
                if (b) {
                    n++;
                }
            }
            return n;
        }
    }
}
