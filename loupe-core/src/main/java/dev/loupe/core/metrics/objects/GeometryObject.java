package dev.loupe.core.metrics.objects;

import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Iou;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import java.util.Objects;

/**
 * An {@link Annotation} as metrics see it, in an image of known size.
 *
 * <ul>
 *   <li>Box x, y, w, h: the geometry's bounding box as the source gave it (NaN for image-level
 *       labels).</li>
 *   <li>{@link #area()}: w·h for a box (negative when exactly one side is), the shoelace area minus
 *       holes for a polygon ({@link Polygon#area()}), the pixel count for a mask, NaN for a
 *       label.</li>
 *   <li>{@link #raster()}: boxes give every pixel whose centre lies in [x, x+w) x [y, y+h), clipped
 *       to the image (for integer boxes the same pixels as COCO's rleFrBbox); polygons the COCO
 *       rasterisation ({@link Rasterizer#fromPolygon}); masks their RLE. The window is cropped to
 *       the object's pixels. Shapes with non-finite coordinates, labels and shapes outside the
 *       image give the empty raster (width 0).</li>
 *   <li>{@link #iou}: {@link Iou#box} when both are boxes; otherwise the IoU of the rasters, which
 *       equals maskApi's rleIou of the full-image masks (not crowd-aware); 0 when either is a
 *       label.</li>
 * </ul>
 *
 * <p>The raster is computed on first use and kept: an instance belongs to one thread at a time.
 */
public final class GeometryObject implements ObjectView {
    private final Annotation annotation;
    private final String className;
    private final int imageWidth;
    private final int imageHeight;
    private Raster raster;
    private java.util.Map<String, Object> derived;
    private int pixelCount = -1;

    /**
     * @param annotation  the annotation
     * @param className   its class name, or null
     * @param imageWidth  width of its image in pixels, &gt;= 0
     * @param imageHeight height of its image in pixels, &gt;= 0
     */
    public GeometryObject(Annotation annotation, String className, int imageWidth, int imageHeight) {
        this.annotation = Objects.requireNonNull(annotation, "annotation");
        if (imageWidth < 0 || imageHeight < 0) {
            throw new IllegalArgumentException("annotation " + annotation.id() + ": image size must be >= 0, got "
                    + imageWidth + "x" + imageHeight);
        }
        this.className = className;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
    }

    /** The wrapped annotation. */
    public Annotation annotation() {
        return annotation;
    }

    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    @Override
    public long id() {
        return annotation.id();
    }

    @Override
    public ShapeKind shape() {
        return switch (annotation.geometry().kind()) {
            case BOX -> ShapeKind.BOX;
            case POLYGON -> ShapeKind.POLYGON;
            case MASK -> ShapeKind.MASK;
            case LABEL -> ShapeKind.LABEL;
        };
    }

    @Override
    public Integer classId() {
        return annotation.categoryId();
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public boolean crowd() {
        return annotation.crowd();
    }

    @Override
    public double confidence() {
        Double c = annotation.confidence();
        return c == null ? Double.NaN : c;
    }

    @Override
    public double x() {
        Box b = annotation.geometry().box();
        return b == null ? Double.NaN : b.x();
    }

    @Override
    public double y() {
        Box b = annotation.geometry().box();
        return b == null ? Double.NaN : b.y();
    }

    @Override
    public double w() {
        Box b = annotation.geometry().box();
        return b == null ? Double.NaN : b.w();
    }

    @Override
    public double h() {
        Box b = annotation.geometry().box();
        return b == null ? Double.NaN : b.h();
    }

    @Override
    public double area() {
        Geometry g = annotation.geometry();
        if (g instanceof Geometry.BoxShape b) {
            return b.box().area();
        } else if (g instanceof Geometry.PolygonShape p) {
            return p.polygon().area();
        } else if (g instanceof Geometry.MaskShape m) {
            return Masks.area(m.rle());
        }
        return Double.NaN;
    }

    @Override
    public Raster raster() {
        if (raster == null) {
            raster = computeRaster();
        }
        return raster;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, java.util.function.Function<ObjectView, T> compute) {
        if (derived == null) {
            derived = new java.util.HashMap<>(4);
        }
        Object v = derived.get(key);
        if (v == null) {
            v = compute.apply(this);
            derived.put(key, v);
        }
        return (T) v;
    }

    /** Number of pixels of {@link #raster()}, computed once. */
    int pixelCount() {
        if (pixelCount < 0) {
            pixelCount = raster().count();
        }
        return pixelCount;
    }

    private Raster computeRaster() {
        Geometry g = annotation.geometry();
        if (imageWidth == 0 || imageHeight == 0) {
            return Rasters.empty();
        }
        if (g instanceof Geometry.BoxShape b) {
            return Rasters.ofBox(b.box(), imageWidth, imageHeight);
        } else if (g instanceof Geometry.PolygonShape p) {
            if (!finite(p.polygon())) {
                return Rasters.empty();
            }
            return Rasters.ofRle(Rasterizer.fromPolygon(p.polygon(), imageHeight, imageWidth), imageWidth, imageHeight);
        } else if (g instanceof Geometry.MaskShape m) {
            return Rasters.ofRle(m.rle(), imageWidth, imageHeight);
        }
        return Rasters.empty();
    }

    private static boolean finite(Polygon p) {
        for (Ring r : p.rings()) {
            for (int i = 0; i < r.vertexCount(); i++) {
                if (!Double.isFinite(r.x(i)) || !Double.isFinite(r.y(i))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public double iou(ObjectView other) {
        if (shape() == ShapeKind.LABEL || other.shape() == ShapeKind.LABEL) {
            return 0;
        }
        if (shape() == ShapeKind.BOX && other.shape() == ShapeKind.BOX) {
            return Iou.box(annotation.geometry().box(), new Box(other.x(), other.y(), other.w(), other.h()), false);
        }
        return Rasters.iou(raster(), pixelCount(), other.raster(), Rasters.count(other));
    }

    @Override
    public String toString() {
        return "GeometryObject[" + annotation.id() + ", " + shape() + ", class " + annotation.categoryId() + "]";
    }
}
