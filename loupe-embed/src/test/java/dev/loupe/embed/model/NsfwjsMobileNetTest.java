package dev.loupe.embed.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.PixelImage;
import dev.loupe.core.image.ImageDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the converted MobileNetV2 (KerasToOnnx + ONNX Runtime) to the original TensorFlow.js model's
 * output, computed once in Node (see test resource tfjs-reference/README.md).
 */
class NsfwjsMobileNetTest {
    /** Absolute tolerance per value: float32 summation order differs between TF.js and ONNX Runtime. */
    static final double VALUE_TOLERANCE = 2e-5; // measured: 4.8e-6
    static final double NORM_RELATIVE_TOLERANCE = 1e-5;
    private static OnnxEmbeddingModel model;

    @BeforeAll
    static void load() throws IOException {
        model = NsfwjsMobileNet.load(Files.createTempDirectory("loupe-model-cache"), 1);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    record Reference(String file, double norm, float[] values) {
    }

    static List<Reference> references() throws IOException {
        List<Reference> out = new ArrayList<>();
        try (InputStream in = NsfwjsMobileNetTest.class.getResourceAsStream("/dev/loupe/embed/tfjs-reference/reference.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                String[] v = f[2].split(",");
                float[] values = new float[v.length];
                for (int i = 0; i < v.length; i++) {
                    values[i] = Float.parseFloat(v[i]);
                }
                out.add(new Reference(f[0], Double.parseDouble(f[1]), values));
            }
        }
        return out;
    }

    static PixelImage image(String file) throws IOException {
        try (InputStream in = NsfwjsMobileNetTest.class.getResourceAsStream("/dev/loupe/embed/tfjs-reference/" + file)) {
            return ImageDecoder.decode(in, file);
        }
    }

    @Test
    void matchesTensorFlowJsOnThreeImagesInOneBatch() throws IOException {
        List<Reference> refs = references();
        assertThat(refs).hasSize(3);
        List<PixelImage> images = new ArrayList<>();
        for (Reference r : refs) {
            images.add(image(r.file()));
        }
        float[][] out = model.embed(images);
        double worst = 0;
        for (int i = 0; i < refs.size(); i++) {
            float[] expected = refs.get(i).values();
            assertThat(out[i]).hasSize(1280);
            double norm = 0;
            for (int j = 0; j < expected.length; j++) {
                worst = Math.max(worst, Math.abs(out[i][j] - expected[j]));
                norm += (double) out[i][j] * out[i][j];
            }
            assertThat(Math.sqrt(norm)).isCloseTo(refs.get(i).norm(), org.assertj.core.data.Percentage.withPercentage(100 * NORM_RELATIVE_TOLERANCE));
        }
        System.out.println("max |ONNX - TF.js| over 3 x 1280 values: " + worst);
        assertThat(worst).isLessThan(VALUE_TOLERANCE);
    }

    @Test
    void reportsNameAndDimension() {
        assertThat(model.dimension()).isEqualTo(1280);
        assertThat(model.name()).isEqualTo("mobilenet_v2@nsfwjs-4.3.0");
    }

    @Test
    void conversionIsCachedAndReused() throws IOException {
        Path cache = Files.createTempDirectory("loupe-model-cache");
        byte[] first = NsfwjsMobileNet.onnx(cache);
        try (var files = Files.list(cache)) {
            assertThat(files.toList()).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                    .startsWith("mobilenet_v2-nsfwjs-4.3.0-").endsWith(".onnx"));
        }
        assertThat(NsfwjsMobileNet.onnx(cache)).isEqualTo(first);
    }
}
