package dev.loupe.testkit.builtin;

import dev.loupe.embed.model.NsfwjsMobileNet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** An ONNX image encoder file for the onnx:PATH contract: the built-in MobileNetV2's conversion. */
final class OnnxFixture {
    private OnnxFixture() {
    }

    static Path file(Path cache) throws IOException {
        Path file = cache.resolve("testkit-contract-mobilenet.onnx");
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(cache);
            Files.write(file, NsfwjsMobileNet.onnx(cache));
        }
        return file;
    }
}
