/**
 * Embedding models: the default MobileNetV2 ({@link dev.loupe.embed.model.NsfwjsMobileNet}, converted at build
 * time), a user's ONNX file ({@link dev.loupe.embed.model.OnnxEmbeddingModel}, the one class that uses ONNX
 * Runtime) and the model-free {@link dev.loupe.embed.model.FallbackEmbedding}; each behind an
 * {@link dev.loupe.embed.model.EmbeddingModelFactory} (the extension point for models, plugin jars alike), chosen by
 * id in {@link dev.loupe.embed.model.EmbeddingModels}.
 */
package dev.loupe.embed.model;
