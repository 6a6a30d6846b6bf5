package dev.loupe.core.geometry;

/**
 * An axis-aligned box in COCO form: top-left corner (x, y) and size (w, h), all in pixels with
 * continuous coordinates (see the package documentation). The box covers [x, x+w) x [y, y+h).
 *
 * <p>Any double is accepted, including NaN, infinities and negative sizes, so that importers can
 * represent bad input and report it; use {@link #isDegenerate()} to detect such boxes.
 *
 * @param x left edge, pixels
 * @param y top edge, pixels
 * @param w width, pixels
 * @param h height, pixels
 */
public record Box(double x, double y, double w, double h) {

    /** The box with corners (x1, y1) top-left and (x2, y2) bottom-right, in pixels. */
    public static Box fromCorners(double x1, double y1, double x2, double y2) {
        return new Box(x1, y1, x2 - x1, y2 - y1);
    }

    /** Area in square pixels, {@code w * h} exactly as COCO computes it (negative if one side is). */
    public double area() {
        return w * h;
    }

    /** Right edge {@code x + w}, pixels. */
    public double x2() {
        return x + w;
    }

    /** Bottom edge {@code y + h}, pixels. */
    public double y2() {
        return y + h;
    }

    /** True if w &lt;= 0, h &lt;= 0, or any of x, y, w, h is NaN or infinite. */
    public boolean isDegenerate() {
        return !Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(w) || !Double.isFinite(h)
                || w <= 0 || h <= 0;
    }

    /**
     * This box intersected with the image [0, width] x [0, height] (pixels). Each edge is clamped
     * into the image; a box that lies outside the image, or has a negative size, gets size 0.
     * NaN values stay NaN.
     *
     * @throws IllegalArgumentException if width or height is negative
     */
    public Box clipTo(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("image size must be >= 0, got " + width + "x" + height);
        }
        double x1 = clamp(x, width);
        double y1 = clamp(y, height);
        double cx2 = clamp(x2(), width);
        double cy2 = clamp(y2(), height);
        return new Box(x1, y1, Math.max(0, cx2 - x1), Math.max(0, cy2 - y1));
    }

    private static double clamp(double v, int max) {
        return Math.min(Math.max(v, 0), max);
    }
}
