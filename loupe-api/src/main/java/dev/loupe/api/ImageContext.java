package dev.loupe.api;

import java.util.List;

/** What an image metric gets: the pixels, the file facts, and the image's objects. */
public interface ImageContext {
    /** The decoded pixels; throws IllegalStateException when the run decoded none (no metric needed them). */
    PixelImage pixels();

    /** Width in pixels (from the header when the pixels were not decoded). */
    int width();

    /** Height in pixels. */
    int height();

    /** File size in bytes. */
    long fileSize();

    /** Path relative to the project's images folder. */
    String path();

    /** Every annotation of the image (ground truth). */
    List<ObjectView> objects();
}
