package dev.loupe.core.metrics.annotation;

import dev.loupe.core.metrics.image.Hsv8;

/** Share of the object's pixels in the blue HSV box (H 90–130, S 50–255, V 40–255; OpenCV 8-bit HSV). */
public final class BlueFraction extends ColourFraction {
    public BlueFraction() {
        super("blue", Hsv8.BLUE, "H 90–130");
    }
}
