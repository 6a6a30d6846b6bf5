package dev.loupe.embed.model;

/** The built-in {@code mobilenet} embedding model. */
public final class MobileNetFactory implements EmbeddingModelFactory {
    @Override
    public String id() {
        return "mobilenet";
    }

    @Override
    public String description() {
        return "MobileNetV2 (nsfwjs 4.3.0 weights, built in): pooled features for images, block 13 for objects (default)";
    }

    @Override
    public EmbeddingModel open(ModelRequest r) {
        return PerTaskEmbedding.load(r.cacheDir(), r.intraOpThreads());
    }
}
