package dev.loupe.spark;

import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.core.plugin.PluginJars;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.EmbeddingModels;
import dev.loupe.embed.model.Preprocessing;
import dev.loupe.embed.run.EmbedReport;
import dev.loupe.embed.run.EmbeddingRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedding pass of a partition: its images and object crops through the model, with Loupe's
 * embedding runner and the model opened on the executor (ONNX Runtime, one thread per call), the
 * vectors, coverage and failures written back. The neighbours, clusters, quality and maps need
 * every vector and are the driver's.
 *
 * @param model   the model spec, as {@code loupe embed --model}
 * @param plugins the plugin folder (a plugin's model), or null
 */
record EmbeddingSlice(String model, boolean objects, String plugins, int threads, int batch, long maxPixels,
                      Map<String, String> parameters) implements SliceWork {
    /** What the embedding runner sees of the project: the metric pass's tables and the models known (ids must match). */
    static final List<String> INPUT = List.of("schema_version", "project_meta", "runs", "categories", "images", "annotations",
            "embedding_models");
    static final List<String> OUTPUT = List.of("image_embeddings", "annotation_embeddings", "embedding_coverage", "metric_failures");

    EmbeddingSlice {
        parameters = Map.copyOf(parameters);
    }

    @Override
    public List<String> input() {
        return INPUT;
    }

    @Override
    public List<String> output() {
        return OUTPUT;
    }

    /** Opens the model as the driver and every partition do. */
    static EmbeddingModel open(String model, String plugins) {
        return EmbeddingModels.open(models(plugins), model, new Preprocessing(224, Preprocessing.IMAGENET_MEAN,
                Preprocessing.IMAGENET_STD), EmbeddingModels.cache(), 1);
    }

    /** Checks a model spec before the job starts (an unknown model, a missing argument), without opening it. */
    static void check(String model, String plugins) {
        EmbeddingModels.check(models(plugins), model);
    }

    private static ExtensionRegistry<EmbeddingModelFactory> models(String plugins) {
        return EmbeddingModels.registry(PluginJars.classLoader(plugins == null ? null : Path.of(plugins),
                EmbeddingSlice.class.getClassLoader()));
    }

    @Override
    public Done run(ProjectStore slice) {
        try (EmbeddingModel m = open(model, plugins)) {
            EmbedReport r = new EmbeddingRunner(slice.embeddings(), m, threads, batch, objects, ProgressListener.NONE, maxPixels)
                    .run(parameters);
            return new Done(r.runId(), r.images(), r.embedded(), r.failures(), r.seconds());
        }
    }
}
