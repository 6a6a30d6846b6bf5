package dev.loupe.eval;

import java.util.Objects;

/**
 * An object-size bucket (pycocotools {@code areaRng} with its {@code areaRngLbl}). An object is
 * outside the range when {@code area < min || area > max}, so both bounds are inclusive.
 *
 * @param label "all", "small", "medium", "large" for the COCO defaults
 * @param min   smallest area, square pixels
 * @param max   largest area, square pixels
 */
public record AreaRange(String label, double min, double max) {
    public AreaRange {
        Objects.requireNonNull(label, "label");
        if (!(min <= max)) {
            throw new IllegalArgumentException("area range " + label + ": min " + min + " must be <= max " + max);
        }
    }

    /** True when an object of this area (square pixels) is outside the range, as pycocotools tests it. */
    public boolean excludes(double area) {
        return area < min || area > max;
    }
}
