package dev.loupe.core.geometry;

import java.util.Arrays;

/**
 * A binary mask of {@code height x width} pixels as a COCO run-length encoding: {@code counts}
 * are alternating run lengths of 0s and 1s over the pixels in column-major (Fortran) order
 * (pixel index = column * height + row), starting with a run of 0s that may have length 0.
 *
 * <p>Immutable. The counts are kept exactly as given (runs of length 0 in the middle are allowed,
 * as in COCO), but must be non-negative and sum to {@code height * width}. An empty counts array
 * is allowed only when the image has no pixels (it is what {@link Masks#merge} returns for mixed
 * sizes, as maskApi does).
 */
public final class Rle {
    private final int height;
    private final int width;
    private final int[] counts;

    /**
     * @param height image height in pixels, &gt;= 0
     * @param width  image width in pixels, &gt;= 0
     * @param counts run lengths in pixels (copied)
     * @throws IllegalArgumentException if a size is negative, height*width exceeds
     *                                  Integer.MAX_VALUE, counts is null, a count is negative, or the
     *                                  counts do not sum to height*width
     */
    public Rle(int height, int width, int[] counts) {
        checkSize(height, width);
        if (counts == null) {
            throw new IllegalArgumentException("RLE counts must not be null");
        }
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                throw new IllegalArgumentException("RLE count " + i + " is negative: " + counts[i]);
            }
            sum += counts[i];
        }
        if (sum != (long) height * width) {
            throw new IllegalArgumentException("RLE counts sum to " + sum + " but a " + height + "x" + width
                    + " mask has " + (long) height * width + " pixels");
        }
        this.height = height;
        this.width = width;
        this.counts = counts.clone();
    }

    /** The all-zero mask, counts {@code [height*width]} (what maskApi's rleEncode gives). */
    public static Rle empty(int height, int width) {
        checkSize(height, width);
        return new Rle(height, width, new int[] {height * width});
    }

    /** @throws IllegalArgumentException unless 0 &lt;= height, width and height*width fits an int */
    static void checkSize(int height, int width) {
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("mask size must be >= 0, got height " + height + ", width " + width);
        }
        if ((long) height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask of " + height + "x" + width + " pixels is too large (max "
                    + Integer.MAX_VALUE + " pixels)");
        }
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Number of pixels, height * width. */
    public int pixelCount() {
        return height * width;
    }

    /** A copy of the run lengths, pixels. */
    public int[] counts() {
        return counts.clone();
    }

    /** Number of runs (maskApi's {@code m}). */
    public int runCount() {
        return counts.length;
    }

    /** Length of run i in pixels; even i are runs of 0s, odd i runs of 1s. */
    public int count(int i) {
        return counts[i];
    }

    /** The internal array, not copied; callers in this package must not modify it. */
    int[] countsRef() {
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rle r && height == r.height && width == r.width && Arrays.equals(counts, r.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        String c = counts.length <= 32 ? Arrays.toString(counts) : "[" + counts.length + " runs]";
        return "Rle[" + height + "x" + width + ", counts=" + c + "]";
    }
}
