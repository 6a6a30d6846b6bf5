package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.core.metrics.image.PerceptualHashes;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.FallbackEmbedding;
import dev.loupe.embed.model.NsfwjsMobileNet;
import dev.loupe.embed.model.OnnxEmbeddingModel;
import dev.loupe.embed.tfjs.KerasToOnnx.Output;
import dev.loupe.embed.tfjs.KerasToOnnx.Pool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The features the similarity benchmark compares, computed for one list of images: the built-in
 * MobileNetV2's pooled output (today's embedding) and pooled features of earlier layers (one ONNX
 * pass exposes them all as extra graph outputs), concatenations, the model-free fallback, pHash, and
 * optionally a user's model.
 */
final class FeatureBank implements AutoCloseable {
    /** The MobileNetV2 layer features: short name to (layer, pooling). Expand ReLUs are non-negative. */
    static final Map<String, Output> LAYERS = layers();
    /** Concatenations (equal weights) of layer features. */
    static final Map<String, List<String>> CONCATENATIONS = Map.of(
            "b13:gem+pooled", List.of("b13:gem", "pooled"),
            "pooled+fallback", List.of("pooled", "fallback"),
            "b13:mean+fallback", List.of("b13:mean", "fallback"),
            "b13:mean+pooled+fallback", List.of("b13:mean", "pooled", "fallback"));
    static final String PHASH = "phash";
    static final String FALLBACK = "fallback";

    private final OnnxEmbeddingModel mobilenet;
    private final EmbeddingModel user;
    private final int workers;

    /** @param user an extra model to compare (null: none); closed with the bank */
    FeatureBank(EmbeddingModel user, int workers) {
        this.mobilenet = NsfwjsMobileNet.layers(List.copyOf(LAYERS.values()), null, 1);
        this.user = user;
        this.workers = workers;
    }

    private static Map<String, Output> layers() {
        Map<String, Output> m = new LinkedHashMap<>();
        m.put("pooled", new Output("out_relu", Pool.MEAN));
        m.put("out:gem", new Output("out_relu", Pool.GEM));
        m.put("b16:gem", new Output("block_16_expand_relu", Pool.GEM));
        m.put("b13:mean", new Output("block_13_expand_relu", Pool.MEAN));
        m.put("b13:gem", new Output("block_13_expand_relu", Pool.GEM));
        m.put("b10:gem", new Output("block_10_expand_relu", Pool.GEM));
        m.put("b6:gem", new Output("block_6_expand_relu", Pool.GEM));
        m.put("b3:gem", new Output("block_3_expand_relu", Pool.GEM));
        return m;
    }

    /** The names of every feature, in table order. */
    List<String> names() {
        List<String> names = new ArrayList<>(LAYERS.keySet());
        names.addAll(CONCATENATIONS.keySet().stream().sorted().toList());
        names.add(FALLBACK);
        names.add(PHASH);
        if (user != null) {
            names.add(userName());
        }
        return names;
    }

    String userName() {
        return user == null ? null : "user:" + user.name();
    }

    /** Every feature of the images, by name. */
    Map<String, Feature> compute(List<PixelImage> images) throws Exception {
        return compute(images.size(), i -> List.of(images.get(i)));
    }

    /**
     * Every feature of the images that {@code batch} makes, batch after batch, by name (rows in
     * batch order). Batches are made on the worker threads, so that only a few are in memory at once.
     */
    Map<String, Feature> compute(int batches, IntFunction<List<PixelImage>> batch) throws Exception {
        List<float[][][]> layerParts = new ArrayList<>(java.util.Collections.nCopies(batches, null));
        List<float[][]> fallbackParts = new ArrayList<>(java.util.Collections.nCopies(batches, null));
        List<float[][]> userParts = new ArrayList<>(java.util.Collections.nCopies(batches, null));
        List<long[]> hashParts = new ArrayList<>(java.util.Collections.nCopies(batches, null));
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            FallbackEmbedding fb = new FallbackEmbedding();
            for (int b = 0; b < batches; b++) {
                int at = b;
                jobs.add(pool.submit(() -> {
                    List<PixelImage> images = batch.apply(at);
                    layerParts.set(at, mobilenet.embedOutputs(images));
                    fallbackParts.set(at, fb.embed(images));
                    if (user != null) {
                        userParts.set(at, user.embed(images));
                    }
                    long[] h = new long[images.size()];
                    for (int i = 0; i < h.length; i++) {
                        h[i] = Long.parseUnsignedLong(PerceptualHashes.phash(images.get(i)), 16);
                    }
                    hashParts.set(at, h);
                    return null;
                }));
            }
            for (Future<?> j : jobs) {
                j.get();
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Feature> out = new LinkedHashMap<>();
        float[][][] layers = new float[LAYERS.size()][][];
        for (int l = 0; l < layers.length; l++) {
            int layer = l;
            layers[l] = rows(layerParts.stream().map(p -> p[layer]).toList());
        }
        float[][] fallback = rows(fallbackParts);
        float[][] users = user == null ? null : rows(userParts);
        long[] hashes = hashParts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        int l = 0;
        for (String name : LAYERS.keySet()) {
            out.put(name, Feature.of(name, layers[l++]));
        }
        Feature fallbackFeature = Feature.of(FALLBACK, fallback);
        for (String name : CONCATENATIONS.keySet().stream().sorted().toList()) {
            out.put(name, Feature.concatenation(name, CONCATENATIONS.get(name).stream()
                    .map(part -> part.equals(FALLBACK) ? fallbackFeature : out.get(part)).toArray(Feature[]::new)));
        }
        out.put(FALLBACK, fallbackFeature);
        out.put(PHASH, Feature.hashes(PHASH, hashes));
        if (user != null) {
            out.put(userName(), Feature.of(userName(), users));
        }
        return out;
    }

    private static float[][] rows(List<float[][]> parts) {
        return parts.stream().flatMap(java.util.Arrays::stream).toArray(float[][]::new);
    }

    @Override
    public void close() {
        mobilenet.close();
        if (user != null) {
            user.close();
        }
    }
}
