package dev.loupe.api;

/** The geometry of an annotation or prediction as a metric sees it. */
public enum ShapeKind {
    BOX, POLYGON, MASK, LABEL;

    /** Every spatial shape (everything but an image-level label). */
    public static final java.util.Set<ShapeKind> SPATIAL = java.util.Set.of(BOX, POLYGON, MASK);
}
