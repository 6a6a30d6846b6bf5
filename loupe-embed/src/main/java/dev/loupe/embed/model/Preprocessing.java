package dev.loupe.embed.model;

import dev.loupe.api.PixelImage;

/**
 * How an image becomes a model input: resized (squashed, aspect ratio not kept) to
 * {@code size x size} with {@link Resize}, scaled to [0, 1], then {@code (v - mean[c]) / std[c]}
 * per channel, laid out NCHW (RGB order).
 *
 * @param size input width and height in pixels
 * @param mean per-channel mean (R, G, B) subtracted after scaling to [0, 1]
 * @param std  per-channel standard deviation (R, G, B), all > 0
 */
public record Preprocessing(int size, float[] mean, float[] std) {
    /** [0, 1] input, as the built-in MobileNetV2 (TensorFlow.js nsfwjs) expects. */
    public static Preprocessing unit(int size) {
        return new Preprocessing(size, new float[] {0, 0, 0}, new float[] {1, 1, 1});
    }

    /** ImageNet normalisation, as torchvision models (and DINO) expect. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public Preprocessing {
        if (size < 1 || size > 4096) {
            throw new IllegalArgumentException("input size must be in 1..4096: " + size);
        }
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need three values (R, G, B)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be > 0: " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Writes one image into {@code out} at {@code offset} (3 * size * size floats, NCHW). */
    public void fill(PixelImage image, float[] out, int offset) {
        float[] rgb = Resize.bilinear(image.rgb(), image.width(), image.height(), size, size);
        int plane = size * size;
        for (int c = 0; c < 3; c++) {
            float m = mean[c];
            float s = std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (rgb[3 * i + c] / 255f - m) / s;
            }
        }
    }

    /** The parameters as text for model names and provenance. */
    public String describe() {
        return "size=" + size + ",mean=" + java.util.Arrays.toString(mean) + ",std=" + java.util.Arrays.toString(std);
    }
}
