package dev.loupe.embed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.PixelImage;
import dev.loupe.knn.Vectors;
import dev.loupe.embed.tfjs.KerasToOnnx;
import dev.loupe.embed.tfjs.KerasToOnnx.Output;
import dev.loupe.embed.tfjs.KerasToOnnx.Pool;
import dev.loupe.embed.tfjs.TfjsLayersModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pooled layer outputs that KerasToOnnx adds as extra graph outputs, checked against the raw layer
 * tensor pooled by hand, and the default per-task embedding against its parts.
 */
class LayerFeaturesTest {
    @Test
    void meanAndGemOfALayerMatchThePoolingOfItsRawTensor() throws IOException {
        List<PixelImage> images = List.of(NsfwjsMobileNetTest.image(NsfwjsMobileNetTest.references().get(0).file()));
        Output mean = new Output("out_relu", Pool.MEAN);
        Output gem = new Output("out_relu", Pool.GEM);
        float[][][] pooled;
        try (OnnxEmbeddingModel m = NsfwjsMobileNet.layers(List.of(mean, gem), null, 1)) {
            assertThat(m.outputNames()).containsExactly("out_relu:mean", "out_relu:gem");
            pooled = m.embedOutputs(images);
        }
        // The raw out_relu tensor as the single-output conversion gives it: NCHW, flattened (1280 x 7 x 7).
        TfjsLayersModel keras = TfjsLayersModel.read(new String(NsfwjsMobileNet.resource("model.min.js"), StandardCharsets.UTF_8),
                new String(NsfwjsMobileNet.resource("group1-shard1of1.min.js"), StandardCharsets.ISO_8859_1));
        float[] raw;
        try (OnnxEmbeddingModel m = new OnnxEmbeddingModel(new KerasToOnnx(keras).convert("out_relu", ""), "raw", "", Preprocessing.unit(224), 1)) {
            raw = m.embed(images)[0];
        }
        assertThat(raw).hasSize(7 * 7 * 1280);
        double worst = 0;
        for (int c = 0; c < 1280; c++) {
            double s = 0;
            double cubes = 0;
            for (int p = 0; p < 49; p++) {
                double v = raw[c * 49 + p];
                s += v;
                cubes += Math.pow(Math.max(v, 1e-6), 3);
            }
            worst = Math.max(worst, Math.abs(pooled[0][0][c] - s / 49));
            assertThat((double) pooled[1][0][c]).isCloseTo(Math.cbrt(cubes / 49), within(1e-4));
        }
        assertThat(worst).isLessThan(1e-5);
        // The mean of out_relu is the built-in model's flatten_1 (its 7x7 average pooling).
        float[] flatten = NsfwjsMobileNetTest.references().get(0).values();
        for (int c = 0; c < 1280; c++) {
            assertThat((double) pooled[0][0][c]).isCloseTo(flatten[c], within(NsfwjsMobileNetTest.VALUE_TOLERANCE));
        }
    }

    @Test
    void defaultEmbeddingIsPooledPlusFallbackForImagesAndBlock13ForObjects() throws IOException {
        List<PixelImage> images = List.of(NsfwjsMobileNetTest.image(NsfwjsMobileNetTest.references().get(1).file()));
        float[] image;
        float[] object;
        try (PerTaskEmbedding m = PerTaskEmbedding.load(null, 1)) {
            assertThat(m.dimension()).isEqualTo(1280 + 127);
            assertThat(m.objectDimension()).isEqualTo(576);
            image = m.embed(images)[0];
            object = m.embedObjects(images)[0];
        }
        assertThat(image).hasSize(1407);
        assertThat(object).hasSize(576);
        float[] pooled;
        try (OnnxEmbeddingModel m = NsfwjsMobileNet.load(null, 1)) {
            pooled = m.embed(images)[0];
        }
        float[] fallback = new FallbackEmbedding().embed(images)[0];
        // First part: √pooled / |√pooled| / √2; second: fallback / |fallback| / √2.
        double norm = 0;
        for (float v : pooled) {
            norm += v;
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < 1280; k++) {
            assertThat((double) image[k]).isCloseTo(Math.sqrt(pooled[k]) / norm / Math.sqrt(2), within(1e-6));
        }
        float[] unitFallback = Vectors.unit(fallback);
        for (int k = 0; k < 127; k++) {
            assertThat((double) image[1280 + k]).isCloseTo(unitFallback[k] / Math.sqrt(2), within(1e-6));
        }
        for (float v : object) {
            assertThat(v).isGreaterThanOrEqualTo(0f);
        }
    }
}
