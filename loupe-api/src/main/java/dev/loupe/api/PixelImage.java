package dev.loupe.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A decoded image as 8-bit RGB, row-major, interleaved ({@code rgb[3 * (y * width + x) + c]}, c = 0
 * red, 1 green, 2 blue, values 0..255 as unsigned bytes), plus what the source file said (channels,
 * bit depth, alpha). Grey, palette, 16-bit, alpha and CMYK sources are converted to this form by
 * the decoder, so that every metric sees one layout. Pixels are as stored: EXIF orientation is not
 * applied, so pixel coordinates match annotation coordinates.
 *
 * <p>Derived planes shared by several metrics (grey, HSV...) are computed once per image through
 * {@link #derived}; an instance belongs to one thread at a time.
 */
public final class PixelImage {
    private final int width;
    private final int height;
    private final byte[] rgb;
    private final int channels;
    private final int bitDepth;
    private final boolean alpha;
    private final Map<String, Object> derived = new HashMap<>();

    /**
     * @param rgb      width*height*3 bytes, not copied: the caller hands it over
     * @param channels channels of the source (1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha or CMYK)
     * @param bitDepth bits per channel of the source (1, 2, 4, 8, 16)
     * @param alpha    whether the source had an alpha channel (dropped here, not composited)
     */
    public PixelImage(int width, int height, byte[] rgb, int channels, int bitDepth, boolean alpha) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("rgb has " + rgb.length + " bytes, expected " + 3L * width * height);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.channels = channels;
        this.bitDepth = bitDepth;
        this.alpha = alpha;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels (not a copy: do not modify). */
    public byte[] rgb() {
        return rgb;
    }

    public int channels() {
        return channels;
    }

    public int bitDepth() {
        return bitDepth;
    }

    public boolean hasAlpha() {
        return alpha;
    }

    /** Red, green or blue value (0..255) of pixel (x, y). */
    public int value(int x, int y, int channel) {
        return rgb[3 * (y * width + x) + channel] & 0xFF;
    }

    /**
     * A plane derived from the pixels, computed on first use and kept for the other metrics of this
     * image. Keys are global: use a name that says exactly what is computed (e.g. "grey.opencv").
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String key, Function<PixelImage, T> compute) {
        Object v = derived.get(key);
        if (v == null) {
            v = compute.apply(this);
            derived.put(key, v);
        }
        return (T) v;
    }

    /**
     * 8-bit grey with OpenCV 4's BGR2GRAY weights (0.299 R + 0.587 G + 0.114 B) in its 15-bit
     * fixed-point form ((R*9798 + G*19235 + B*3735 + 16384) >> 15), row-major, width*height bytes.
     */
    public byte[] grey() {
        return derived("grey.opencv4", PixelImage::computeGrey);
    }

    private static byte[] computeGrey(PixelImage img) {
        byte[] rgb = img.rgb;
        byte[] out = new byte[img.width * img.height];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            int r = rgb[j] & 0xFF;
            int g = rgb[j + 1] & 0xFF;
            int b = rgb[j + 2] & 0xFF;
            out[i] = (byte) ((r * 9798 + g * 19235 + b * 3735 + 16384) >> 15);
        }
        return out;
    }
}
