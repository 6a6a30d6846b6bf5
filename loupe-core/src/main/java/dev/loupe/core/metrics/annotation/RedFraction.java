package dev.loupe.core.metrics.annotation;

import dev.loupe.core.metrics.image.Hsv8;

/** Share of the object's pixels in the red HSV box (H 0–10 or 170–179, S 50–255, V 40–255; OpenCV 8-bit HSV). */
public final class RedFraction extends ColourFraction {
    public RedFraction() {
        super("red", Hsv8.RED, "H 0–10 or 170–179");
    }
}
