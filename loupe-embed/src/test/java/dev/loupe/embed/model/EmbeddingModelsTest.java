package dev.loupe.embed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.PixelImage;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingModelsTest {
    @TempDir
    Path dir;

    @Test
    void userOnnxModelWithUnitNormalisationEqualsTheBuiltIn() throws IOException {
        Path file = dir.resolve("mine.onnx");
        Files.write(file, NsfwjsMobileNet.onnx(null));
        PixelImage img = NsfwjsMobileNetTest.image("voc_2007_000027.png");
        try (EmbeddingModel user = EmbeddingModels.open("onnx:" + file, Preprocessing.unit(224), null, 1);
             EmbeddingModel builtin = EmbeddingModels.open("mobilenet-pooled", null, dir.resolve("cache"), 1)) {
            assertThat(user.name()).startsWith("onnx:mine.onnx@").contains("size=224");
            assertThat(user.dimension()).isEqualTo(1280);
            assertThat(user.embed(List.of(img))[0]).containsExactly(builtin.embed(List.of(img))[0]);
        }
    }

    @Test
    void defaultIsThePerTaskEmbedding() {
        try (EmbeddingModel m = EmbeddingModels.open("mobilenet", null, dir.resolve("cache"), 1)) {
            assertThat(m.name()).isEqualTo(PerTaskEmbedding.NAME);
            assertThat(m.dimension()).isEqualTo(1280 + FallbackEmbedding.DIMENSION);
            assertThat(m.objectDimension()).isEqualTo(576);
        }
    }

    @Test
    void wrongInputSizeIsAClearError() throws IOException {
        Path file = dir.resolve("mine.onnx");
        Files.write(file, NsfwjsMobileNet.onnx(null));
        assertThatThrownBy(() -> EmbeddingModels.open("onnx:" + file, Preprocessing.unit(160), null, 1))
                .isInstanceOf(LoupeException.class).hasMessageContaining("input is 224x224 but the input size is 160");
    }

    @Test
    void unknownSpecAndMissingFileAreBadInput() {
        assertThatThrownBy(() -> EmbeddingModels.open("clip", null, null, 1)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("use mobilenet, mobilenet-pooled, fallback or onnx:PATH");
        assertThatThrownBy(() -> EmbeddingModels.open("onnx:" + dir.resolve("nope.onnx"), Preprocessing.unit(224), null, 1))
                .isInstanceOf(LoupeException.class).hasMessageContaining("does not exist");
        Path junk = dir.resolve("junk.onnx");
        assertThatThrownBy(() -> {
            Files.writeString(junk, "not a model");
            EmbeddingModels.open("onnx:" + junk, Preprocessing.unit(224), null, 1);
        }).isInstanceOf(LoupeException.class).hasMessageContaining("cannot load ONNX model");
    }
}
