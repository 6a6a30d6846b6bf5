package dev.loupe.embed.model;

import dev.loupe.api.PixelImage;
import dev.loupe.knn.Vectors;
import dev.loupe.embed.tfjs.KerasToOnnx;
import java.nio.file.Path;
import java.util.List;

/**
 * Loupe's default embedding ({@code --model mobilenet}): one pass of the built-in MobileNetV2
 * ({@link NsfwjsMobileNet}) gives a feature per task, each the winner of {@code loupe bench similarity}:
 * <ul>
 *   <li><b>whole images</b> (near duplicates, uniqueness, similar images; copy detection and same
 *       scene): the network's pooled output ({@code out_relu}, 7x7 mean, 1280 values) square-rooted
 *       and scaled to unit length, followed by the model-free {@link FallbackEmbedding} (127 values,
 *       unit length), each part times 1/√2, so that the cosine similarity of two images is the mean of
 *       the two parts' similarities. The network part finds flipped, cropped and rotated copies; the
 *       colour histogram and DCT layout find blurred ones and the same field at another focus.</li>
 *   <li><b>object crops</b> (semantic neighbours: {@code annotation.quality}, {@code loupe cv}, look-alike
 *       objects): the mean over positions of the earlier layer {@code block_13_expand_relu} (14x14, 576
 *       values), as the model gives it (Loupe square-roots and normalises it when comparing).</li>
 * </ul>
 * {@code --model mobilenet-pooled} is the pooled output alone, for both (Loupe's default before).
 */
public final class PerTaskEmbedding implements EmbeddingModel {
    public static final String NAME = NsfwjsMobileNet.NAME + "/tasks@1";
    static final KerasToOnnx.Output OBJECTS = new KerasToOnnx.Output("block_13_expand_relu", KerasToOnnx.Pool.MEAN);
    static final KerasToOnnx.Output IMAGES = new KerasToOnnx.Output("out_relu", KerasToOnnx.Pool.MEAN);
    private static final float HALF = (float) Math.sqrt(0.5);

    private final OnnxEmbeddingModel network;
    private final FallbackEmbedding fallback = new FallbackEmbedding();

    private PerTaskEmbedding(OnnxEmbeddingModel network) {
        this.network = network;
    }

    /** @param cacheDir where the network's conversion is cached (null: none) */
    public static PerTaskEmbedding load(Path cacheDir, int intraOpThreads) {
        return new PerTaskEmbedding(NsfwjsMobileNet.layers(List.of(OBJECTS, IMAGES), cacheDir, intraOpThreads));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int dimension() {
        return 1280 + FallbackEmbedding.DIMENSION;
    }

    @Override
    public int objectDimension() {
        return 576;
    }

    @Override
    public float[][] embed(List<PixelImage> images) {
        float[][] pooled = network.embedOutputs(images)[1];
        float[][] model = fallback.embed(images);
        float[][] out = new float[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = concatenate(pooled[i], model[i]);
        }
        return out;
    }

    /** [unit(√pooled), unit(fallback)] / √2 (unit length unless a part is all zero). */
    static float[] concatenate(float[] pooled, float[] fallbackVector) {
        float[] a = Vectors.unit(sqrt(pooled));
        float[] b = Vectors.unit(fallbackVector);
        float[] v = new float[a.length + b.length];
        for (int k = 0; k < a.length; k++) {
            v[k] = a[k] * HALF;
        }
        for (int k = 0; k < b.length; k++) {
            v[a.length + k] = b[k] * HALF;
        }
        return v;
    }

    private static float[] sqrt(float[] v) {
        float[] r = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = (float) Math.sqrt(Math.max(0, v[i]));
        }
        return r;
    }

    @Override
    public float[][] embedObjects(List<PixelImage> crops) {
        return network.embedOutputs(crops)[0];
    }

    @Override
    public String description() {
        return "per task, from " + NsfwjsMobileNet.NAME + " (" + NsfwjsMobileNet.description() + "): images "
                + IMAGES.name() + " (square-rooted, unit) + " + FallbackEmbedding.NAME + " (unit), equal weights; objects "
                + OBJECTS.name() + "; chosen by loupe bench similarity";
    }

    @Override
    public void close() {
        network.close();
    }
}
