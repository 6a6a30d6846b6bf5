package dev.loupe.core.metrics.annotation;

import dev.loupe.core.metrics.image.Hsv8;

/** Share of the object's pixels in the green HSV box (H 35–75, S 50–255, V 40–255; OpenCV 8-bit HSV). */
public final class GreenFraction extends ColourFraction {
    public GreenFraction() {
        super("green", Hsv8.GREEN, "H 35–75");
    }
}
