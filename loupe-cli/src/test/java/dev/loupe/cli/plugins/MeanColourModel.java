package dev.loupe.cli.plugins;

import dev.loupe.api.PixelImage;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.embed.model.ModelRequest;
import java.util.List;

/** A plugin's embedding model for the CLI tests: the mean red, green and blue, and 1. */
public final class MeanColourModel implements EmbeddingModelFactory {
    @Override
    public String id() {
        return "test-mean-colour";
    }

    @Override
    public String description() {
        return "test: mean colour";
    }

    @Override
    public EmbeddingModel open(ModelRequest request) {
        return new EmbeddingModel() {
            @Override
            public String name() {
                return "test-mean-colour@1";
            }

            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public float[][] embed(List<PixelImage> images) {
                return images.stream().map(MeanColourModel::mean).toArray(float[][]::new);
            }

            @Override
            public String description() {
                return "mean colour";
            }
        };
    }

    private static float[] mean(PixelImage px) {
        double[] sum = new double[3];
        byte[] rgb = px.rgb();
        for (int i = 0; i < rgb.length; i++) {
            sum[i % 3] += rgb[i] & 0xff;
        }
        double n = Math.max(1, rgb.length / 3) * 255.0;
        return new float[] {(float) (sum[0] / n), (float) (sum[1] / n), (float) (sum[2] / n), 1f};
    }
}
