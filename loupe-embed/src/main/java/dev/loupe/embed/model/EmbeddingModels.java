package dev.loupe.embed.model;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Opens a model from its command-line spec: {@code mobilenet} (the default, {@link PerTaskEmbedding}:
 * the built-in MobileNetV2 with a feature per task), {@code mobilenet-pooled} ({@link NsfwjsMobileNet}'s
 * pooled output for images and objects alike), {@code fallback} ({@link FallbackEmbedding}) or {@code onnx:PATH} (a user's ONNX image encoder, e.g.
 * an exported CLIP or DINO visual tower, with the given {@link Preprocessing}).
 */
public final class EmbeddingModels {
    public static final String DEFAULT = "mobilenet";

    private EmbeddingModels() {
    }

    /**
     * @param spec           mobilenet, mobilenet-pooled, fallback or onnx:PATH
     * @param onnxInput      preprocessing for onnx:PATH (ignored otherwise)
     * @param cacheDir       where the built-in model's conversion is cached (null: none)
     * @param intraOpThreads threads per inference call
     */
    public static EmbeddingModel open(String spec, Preprocessing onnxInput, Path cacheDir, int intraOpThreads) {
        String s = spec == null ? DEFAULT : spec.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "mobilenet", "mobilenet_v2":
                return PerTaskEmbedding.load(cacheDir, intraOpThreads);
            case "mobilenet-pooled":
                return NsfwjsMobileNet.load(cacheDir, intraOpThreads);
            case "fallback":
                return new FallbackEmbedding();
            default:
                break;
        }
        if (!s.startsWith("onnx:")) {
            throw LoupeException.badInput("unknown embedding model '" + spec + "': use mobilenet, mobilenet-pooled, fallback or onnx:PATH");
        }
        Path file = Path.of(s.substring("onnx:".length()));
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput("ONNX model file " + file + " does not exist");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw LoupeException.badInput("cannot read ONNX model " + file + ": " + e.getMessage());
        }
        String name = "onnx:" + file.getFileName() + "@" + sha256(bytes).substring(0, 12) + "[" + onnxInput.describe() + "]";
        return new OnnxEmbeddingModel(bytes, name, "user ONNX model " + file.toAbsolutePath() + ", " + onnxInput.describe(),
                onnxInput, intraOpThreads);
    }

    /** The default cache folder: {@code $XDG_CACHE_HOME/loupe/models} or {@code ~/.cache/loupe/models}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("loupe").resolve("models");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
