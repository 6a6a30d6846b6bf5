package dev.loupe.embed.model;

/** The built-in {@code fallback} embedding model. */
public final class FallbackFactory implements EmbeddingModelFactory {
    @Override
    public String id() {
        return "fallback";
    }

    @Override
    public String description() {
        return "colour histogram + DCT of the grey image, no neural network";
    }

    @Override
    public EmbeddingModel open(ModelRequest r) {
        return new FallbackEmbedding();
    }
}
