package dev.loupe.embed.model;

import dev.loupe.embed.tfjs.KerasToOnnx;
import dev.loupe.embed.tfjs.TfjsLayersModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Loupe's default embedding model: the MobileNetV2 that the npm package {@code nsfwjs@4.3.0} (MIT)
 * ships as a TensorFlow.js layers model, cut before its dense NSFW head: the 1280-d output of layer
 * {@code flatten_1} (global 7x7 average of the last ReLU6 block). The build fetches the package
 * from the npm registry, checked against the integrity in {@code loupe-embed/src/main/npm/package-lock.json},
 * and puts its two model files on the class path; they are converted to ONNX here on first use and
 * the result is cached as {@code <cache>/mobilenet_v2-nsfwjs-4.3.0-<digest>.onnx}, where the digest
 * covers both source files and the converter version.
 *
 * <p>Input: RGB scaled to [0, 1], squashed to 224x224 (nsfwjs itself resizes with TensorFlow.js's
 * bilinear resize; Loupe uses its antialiased {@link Resize}).
 */
public final class NsfwjsMobileNet {
    public static final String NAME = "mobilenet_v2@nsfwjs-4.3.0";
    public static final String OUTPUT_LAYER = "flatten_1";
    public static final int SIZE = 224;
    /** Bump when {@link KerasToOnnx} changes what it writes, so cached conversions are redone. */
    static final String CONVERTER_VERSION = "1";
    private static final String RESOURCES = "/dev/loupe/embed/nsfwjs/";

    private NsfwjsMobileNet() {
    }

    /** The model with its ONNX conversion read from or written to {@code cacheDir} (null: no cache). */
    public static OnnxEmbeddingModel load(Path cacheDir, int intraOpThreads) {
        byte[] onnx = onnx(cacheDir);
        return new OnnxEmbeddingModel(onnx, NAME, description(), Preprocessing.unit(SIZE), intraOpThreads);
    }

    public static String description() {
        return "MobileNetV2 (Keras 2.2.4, ImageNet-initialised, fine-tuned by nsfwjs for 5-class NSFW classification), "
                + "from npm nsfwjs@4.3.0 (MIT, (c) Infinite Red); 1280-d feature of layer flatten_1; input 224x224 RGB in [0, 1]";
    }

    /** The converted model: from the cache when present, else converted now (and cached). */
    public static byte[] onnx(Path cacheDir) {
        byte[] model = resource("model.min.js");
        byte[] shard = resource("group1-shard1of1.min.js");
        String digest = digest(model, shard, "");
        Path cached = cacheDir == null ? null : cacheDir.resolve("mobilenet_v2-nsfwjs-4.3.0-" + digest + ".onnx");
        if (cached != null && Files.isRegularFile(cached)) {
            try {
                return Files.readAllBytes(cached);
            } catch (IOException e) {
                // Unreadable cache: convert again below.
            }
        }
        byte[] onnx = convert(model, shard);
        if (cached != null) {
            write(cached, onnx);
        }
        return onnx;
    }

    /**
     * The same network with one output per pooled layer feature, named {@link KerasToOnnx.Output#name()},
     * all computed in one pass ({@link OnnxEmbeddingModel#embedOutputs}); the conversion is cached in
     * {@code cacheDir} (null: none) under a digest that also covers the outputs.
     */
    public static OnnxEmbeddingModel layers(List<KerasToOnnx.Output> outputs, Path cacheDir, int intraOpThreads) {
        byte[] model = resource("model.min.js");
        byte[] shard = resource("group1-shard1of1.min.js");
        String key = String.join(",", outputs.stream().map(KerasToOnnx.Output::name).toList());
        String digest = digest(model, shard, key);
        Path cached = cacheDir == null ? null : cacheDir.resolve("mobilenet_v2-nsfwjs-4.3.0-layers-" + digest + ".onnx");
        byte[] onnx = null;
        if (cached != null && Files.isRegularFile(cached)) {
            try {
                onnx = Files.readAllBytes(cached);
            } catch (IOException e) {
                // Unreadable cache: convert again below.
            }
        }
        if (onnx == null) {
            TfjsLayersModel m = TfjsLayersModel.read(new String(model, StandardCharsets.UTF_8), new String(shard, StandardCharsets.ISO_8859_1));
            onnx = new KerasToOnnx(m).convert(outputs, description());
            if (cached != null) {
                write(cached, onnx);
            }
        }
        return new OnnxEmbeddingModel(onnx, NAME + "[" + key + "]", description(), Preprocessing.unit(SIZE), intraOpThreads);
    }

    /** Converts the two bundle files to ONNX (about a second). */
    public static byte[] convert(byte[] modelBundle, byte[] shardBundle) {
        TfjsLayersModel m = TfjsLayersModel.read(new String(modelBundle, StandardCharsets.UTF_8),
                new String(shardBundle, StandardCharsets.ISO_8859_1));
        return new KerasToOnnx(m).convert(OUTPUT_LAYER, description());
    }

    private static void write(Path target, byte[] bytes) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".convert-", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // A read-only or full cache folder only costs a conversion next time.
        }
    }

    static byte[] resource(String file) {
        try (InputStream in = NsfwjsMobileNet.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("model resource " + RESOURCES + file + " is missing: the build fetches it "
                        + "from the npm registry (nsfwjs@4.3.0); rebuild loupe-embed with network access");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] model, byte[] shard, String outputs) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(model);
            md.update(shard);
            md.update(CONVERTER_VERSION.getBytes(StandardCharsets.UTF_8));
            md.update(outputs.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
