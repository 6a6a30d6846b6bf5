package dev.loupe.cli;

import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.core.plugin.PluginJars;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.embed.model.EmbeddingModels;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetFormats;
import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionFormats;
import java.nio.file.Path;

/**
 * Loads plugins: every jar in a {@code plugins/} folder ({@code PROJECT/plugins}, {@code --plugins DIR}), on top of
 * the built-ins, for each extension point (metrics, dataset formats, prediction formats, embedding models).
 */
final class Plugins {
    private Plugins() {
    }

    /** The registry of built-ins plus the jars in {@code folder} (ignored when it does not exist). */
    static MetricRegistry registry(Path folder) {
        return MetricRegistry.withPlugins(folder, Plugins.class.getClassLoader());
    }

    /** A {@code --plugins DIR} option's value: null or a folder, else a usage error. */
    static Path option(Path folder, picocli.CommandLine cmd) {
        if (folder != null && !java.nio.file.Files.isDirectory(folder)) {
            throw new picocli.CommandLine.ParameterException(cmd, "--plugins " + folder + " is not a folder");
        }
        return folder;
    }

    static ExtensionRegistry<DatasetFormat> datasetFormats(Path folder) {
        return DatasetFormats.load(loader(folder));
    }

    static ExtensionRegistry<PredictionFormat> predictionFormats(Path folder) {
        return PredictionFormats.load(loader(folder));
    }

    static ExtensionRegistry<EmbeddingModelFactory> models(Path folder) {
        return EmbeddingModels.registry(loader(folder));
    }

    private static ClassLoader loader(Path folder) {
        return PluginJars.classLoader(folder, Plugins.class.getClassLoader());
    }
}
