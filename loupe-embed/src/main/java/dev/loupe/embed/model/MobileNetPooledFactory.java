package dev.loupe.embed.model;

/** The built-in {@code mobilenet-pooled} embedding model. */
public final class MobileNetPooledFactory implements EmbeddingModelFactory {
    @Override
    public String id() {
        return "mobilenet-pooled";
    }

    @Override
    public String description() {
        return "MobileNetV2 (built in), its pooled output for images and objects alike";
    }

    @Override
    public EmbeddingModel open(ModelRequest r) {
        return NsfwjsMobileNet.load(r.cacheDir(), r.intraOpThreads());
    }
}
