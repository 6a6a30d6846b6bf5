package dev.loupe.core.image;

/**
 * What an image file's header says, read without decoding the pixels.
 *
 * @param width    stored width in pixels (EXIF orientation is not applied)
 * @param height   stored height in pixels
 * @param format   lower-case format name as ImageIO reports it ("jpeg", "png", "bmp"...)
 * @param fileSize file size in bytes
 */
public record ImageHeader(int width, int height, String format, long fileSize) {
    public ImageHeader {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
    }
}
