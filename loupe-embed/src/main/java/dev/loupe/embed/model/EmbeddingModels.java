package dev.loupe.embed.model;

import dev.loupe.core.LoupeException;
import dev.loupe.core.plugin.ExtensionRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Opens a model from its command-line spec {@code ID} or {@code ID:ARGUMENT}, through the {@link EmbeddingModelFactory}
 * registry: the built-ins {@code mobilenet} (the default, {@link PerTaskEmbedding}: the built-in MobileNetV2 with a
 * feature per task), {@code mobilenet-pooled} ({@link NsfwjsMobileNet}'s pooled output for images and objects
 * alike), {@code fallback} ({@link FallbackEmbedding}) and {@code onnx:PATH} (a user's ONNX image encoder, e.g. an
 * exported CLIP or DINO visual tower, with the given {@link Preprocessing}), then the models of plugin jars.
 */
public final class EmbeddingModels {
    public static final String DEFAULT = "mobilenet";

    private EmbeddingModels() {
    }

    /** The models a class loader sees: the built-ins and plugin jars, by id. */
    public static ExtensionRegistry<EmbeddingModelFactory> registry(ClassLoader loader) {
        return ExtensionRegistry.load(EmbeddingModelFactory.class, loader, "embedding model", EmbeddingModelFactory::id);
    }

    /**
     * Opens a built-in model.
     *
     * @param spec           mobilenet, mobilenet-pooled, fallback or onnx:PATH
     * @param onnxInput      preprocessing for onnx:PATH (ignored otherwise)
     * @param cacheDir       where the built-in model's conversion is cached (null: none)
     * @param intraOpThreads threads per inference call
     */
    public static EmbeddingModel open(String spec, Preprocessing onnxInput, Path cacheDir, int intraOpThreads) {
        return open(registry(EmbeddingModels.class.getClassLoader()), spec, onnxInput, cacheDir, intraOpThreads);
    }

    /** Opens a model of the registry (built-ins and plugins) from its spec {@code ID} or {@code ID:ARGUMENT}. */
    public static EmbeddingModel open(ExtensionRegistry<EmbeddingModelFactory> models, String spec, Preprocessing onnxInput,
            Path cacheDir, int intraOpThreads) {
        return check(models, spec).open(new ModelRequest(Spec.of(spec).argument(), onnxInput, cacheDir, intraOpThreads));
    }

    /**
     * The factory of a model spec, without opening the model (a job checks its arguments before it starts).
     *
     * @throws LoupeException BAD_INPUT for an unknown model or a spec written wrongly
     */
    public static EmbeddingModelFactory check(ExtensionRegistry<EmbeddingModelFactory> models, String spec) {
        Spec parsed = Spec.of(spec);
        EmbeddingModelFactory factory = models.find(parsed.id().equals("mobilenet_v2") ? DEFAULT : parsed.id()).orElseThrow(() ->
                LoupeException.badInput("unknown embedding model '" + spec + "': use " + usages(models)));
        if ((factory.argument() == null) != (parsed.argument() == null)) {
            throw LoupeException.badInput("embedding model '" + spec + "': write it as " + factory.usage());
        }
        return factory;
    }

    /** A spec {@code ID} or {@code ID:ARGUMENT} (null: the default model), the id lower-cased. */
    private record Spec(String id, String argument) {
        static Spec of(String spec) {
            String s = spec == null ? DEFAULT : spec.trim();
            int colon = s.indexOf(':');
            return new Spec((colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT), colon < 0 ? null : s.substring(colon + 1));
        }
    }

    /** "mobilenet, mobilenet-pooled, fallback or onnx:PATH" */
    static String usages(ExtensionRegistry<EmbeddingModelFactory> models) {
        List<String> all = models.all().stream().map(EmbeddingModelFactory::usage).toList();
        return all.size() == 1 ? all.get(0)
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }

    /** {@code onnx:PATH}: the user's ONNX file, named by its digest and preprocessing. */
    static EmbeddingModel onnxFile(ModelRequest r) {
        Path file = Path.of(r.argument());
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput("ONNX model file " + file + " does not exist");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw LoupeException.badInput("cannot read ONNX model " + file + ": " + e.getMessage());
        }
        Preprocessing onnxInput = r.preprocessing();
        String name = "onnx:" + file.getFileName() + "@" + sha256(bytes).substring(0, 12) + "[" + onnxInput.describe() + "]";
        return new OnnxEmbeddingModel(bytes, name, "user ONNX model " + file.toAbsolutePath() + ", " + onnxInput.describe(),
                onnxInput, r.intraOpThreads());
    }

    /** The cache folder of the built-in model's conversion: the {@code loupe.cache} property, else {@link #defaultCache()}. */
    public static Path cache() {
        String override = System.getProperty("loupe.cache");
        return override != null ? Path.of(override) : defaultCache();
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
