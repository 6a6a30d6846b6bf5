package dev.loupe.embed.model;

/** The built-in {@code onnx:PATH} embedding model. */
public final class OnnxFileFactory implements EmbeddingModelFactory {
    @Override
    public String id() {
        return "onnx";
    }

    @Override
    public String description() {
        return "your ONNX image encoder taking [N,3,H,W] RGB (--input-size, --mean, --std)";
    }

    @Override
    public String argument() {
        return "PATH";
    }

    @Override
    public EmbeddingModel open(ModelRequest r) {
        return EmbeddingModels.onnxFile(r);
    }
}
