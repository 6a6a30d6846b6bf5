package dev.loupe.core.model;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rle;
import java.util.Objects;

/**
 * The shape of an annotation or prediction. Coordinates are pixels with a top-left origin and
 * continuous coordinates (COCO's convention: pixel (col, row) covers [col, col+1) x [row, row+1));
 * boxes are x, y, width, height. Every spatial shape carries its bounding box as the source gave it
 * (COCO "bbox") so that a box is never recomputed differently from the source.
 */
public sealed interface Geometry {

    /** The kind stored in the project and shown to users. */
    enum Kind { BOX, POLYGON, MASK, LABEL }

    Kind kind();

    /** Bounding box in pixels, or null for an image-level label. */
    Box box();

    /** An axis-aligned box. */
    record BoxShape(Box box) implements Geometry {
        public BoxShape {
            Objects.requireNonNull(box, "box");
        }

        @Override
        public Kind kind() {
            return Kind.BOX;
        }
    }

    /** A polygon (several parts, optional holes) with its bounding box. */
    record PolygonShape(Box box, Polygon polygon) implements Geometry {
        public PolygonShape {
            Objects.requireNonNull(box, "box");
            Objects.requireNonNull(polygon, "polygon");
        }

        @Override
        public Kind kind() {
            return Kind.POLYGON;
        }
    }

    /** A run-length encoded bitmask (COCO RLE, column-major) with its bounding box. */
    record MaskShape(Box box, Rle rle) implements Geometry {
        public MaskShape {
            Objects.requireNonNull(box, "box");
            Objects.requireNonNull(rle, "rle");
        }

        @Override
        public Kind kind() {
            return Kind.MASK;
        }
    }

    /** An image-level class label (classification): no spatial extent. */
    record ImageLabel() implements Geometry {
        @Override
        public Kind kind() {
            return Kind.LABEL;
        }

        @Override
        public Box box() {
            return null;
        }
    }
}
