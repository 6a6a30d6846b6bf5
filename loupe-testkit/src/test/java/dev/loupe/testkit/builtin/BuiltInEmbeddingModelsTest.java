package dev.loupe.testkit.builtin;

import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.embed.model.FallbackFactory;
import dev.loupe.embed.model.MobileNetFactory;
import dev.loupe.embed.model.MobileNetPooledFactory;
import dev.loupe.embed.model.ModelRequest;
import dev.loupe.embed.model.OnnxFileFactory;
import dev.loupe.embed.model.Preprocessing;
import dev.loupe.testkit.EmbeddingModelContractTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** Every built-in embedding model passes the contract a plugin's model passes. */
class BuiltInEmbeddingModelsTest {
    /** The build's model cache (the pom's loupe.cache), so that the MobileNet conversion is done once per build. */
    static Path cache(Path dir) {
        String cache = System.getProperty("loupe.cache");
        return cache != null ? Path.of(cache) : dir.resolve("cache");
    }

    @Nested
    class Fallback extends EmbeddingModelContractTest {
        @Override
        protected EmbeddingModelFactory factory() {
            return new FallbackFactory();
        }
    }

    @Nested
    class MobileNet extends EmbeddingModelContractTest {
        @Override
        protected EmbeddingModelFactory factory() {
            return new MobileNetFactory();
        }

        @Override
        protected ModelRequest request(Path dir) {
            return new ModelRequest(null, null, cache(dir), 1);
        }
    }

    @Nested
    class MobileNetPooled extends EmbeddingModelContractTest {
        @Override
        protected EmbeddingModelFactory factory() {
            return new MobileNetPooledFactory();
        }

        @Override
        protected ModelRequest request(Path dir) {
            return new ModelRequest(null, null, cache(dir), 1);
        }
    }

    /** onnx:PATH on the built-in MobileNet's converted file (the ONNX file a user would bring). */
    @Nested
    class OnnxFile extends EmbeddingModelContractTest {
        @Override
        protected EmbeddingModelFactory factory() {
            return new OnnxFileFactory();
        }

        @Override
        protected ModelRequest request(Path dir) throws IOException {
            return new ModelRequest(OnnxFixture.file(cache(dir)).toString(), Preprocessing.unit(224), null, 1);
        }
    }
}
