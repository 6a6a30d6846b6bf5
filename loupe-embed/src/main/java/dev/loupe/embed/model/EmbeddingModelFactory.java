package dev.loupe.embed.model;

/**
 * An embedding model that {@code loupe embed --model ID} (or {@code ID:ARGUMENT}) can open: the extension point
 * for models. Built-ins and plugin jars list their classes in
 * {@code META-INF/services/dev.loupe.embed.model.EmbeddingModelFactory}; {@link EmbeddingModels} finds them by
 * {@link #id()}. Implementations have a public no-argument constructor and keep no state.
 *
 * <p>It lives in loupe-embed with {@link EmbeddingModel}, which needs only the JDK and loupe-api's
 * {@code PixelImage}, and {@link Preprocessing}; a plugin depends on loupe-embed in {@code provided} scope.
 */
public interface EmbeddingModelFactory {
    /** The id, stable, lower case, without ':' ({@code mobilenet}, {@code onnx}). */
    String id();

    /** What the model is, for {@code loupe formats} (one line). */
    String description();

    /**
     * The name of the argument after {@code ID:} ({@code PATH} for {@code onnx:PATH}), or null when the model takes
     * none (the default).
     */
    default String argument() {
        return null;
    }

    /** How it is named on the command line: {@code mobilenet}, {@code onnx:PATH}. */
    default String usage() {
        return argument() == null ? id() : id() + ":" + argument();
    }

    /** Opens the model; {@link ModelRequest#argument()} is non-null exactly when {@link #argument()} is. */
    EmbeddingModel open(ModelRequest request);
}
