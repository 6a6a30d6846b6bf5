package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.LabelInput;
import dev.loupe.formats.predictions.PredictionFormat;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loupe formats}: the dataset formats, prediction formats and embedding models, built-ins and plugins. */
@Command(name = "formats", mixinStandardHelpOptions = true,
        description = {"List the dataset formats (loupe init --format ID), prediction formats (loupe predictions import",
            "--format ID) and embedding models (loupe embed --model ID), built-ins first, then plugins."})
final class FormatsCommand implements Callable<Integer> {
    @Option(names = "--plugins", paramLabel = "DIR", description = "also load the plugin jars in DIR (e.g. PROJECT/plugins)")
    Path plugins;

    @Option(names = "--json", description = "print as JSON: [{point, id, usage, description, implementation}]")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * One extension in the listing.
     *
     * @param point "dataset-format", "prediction-format" or "embedding-model"
     * @param usage how the command line names it, with what it reads ({@code coco --labels FILE}, {@code onnx:PATH})
     */
    record Extension(String point, String id, String usage, String description, String implementation) {
    }

    static List<Extension> catalogue(Path plugins) {
        List<Extension> out = new ArrayList<>();
        for (DatasetFormat f : Plugins.datasetFormats(plugins).all()) {
            LabelInput in = f.labels();
            String usage = f.id() + switch (in.kind()) {
                case FILE -> " --labels FILE";
                case FOLDER -> " --labels DIR";
                case NONE -> "";
            };
            out.add(new Extension("dataset-format", f.id(), usage, f.description(), f.getClass().getName()));
        }
        for (PredictionFormat f : Plugins.predictionFormats(plugins).all()) {
            out.add(new Extension("prediction-format", f.id(), f.id(), f.description(), f.getClass().getName()));
        }
        for (EmbeddingModelFactory m : Plugins.models(plugins).all()) {
            out.add(new Extension("embedding-model", m.id(), m.usage(), m.description(), m.getClass().getName()));
        }
        return out;
    }

    @Override
    public Integer call() {
        List<Extension> all = catalogue(Plugins.option(plugins, spec.commandLine()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(WireJson.pretty(all));
            out.flush();
            return 0;
        }
        String point = null;
        for (Extension e : all) {
            if (!e.point().equals(point)) {
                point = e.point();
                out.printf("%s%s (%s):%n", point.equals("dataset-format") ? "" : "\n", title(point), usage(point));
            }
            out.printf("  %-28s %s%n", e.usage(), e.description());
        }
        out.flush();
        return 0;
    }

    private static String title(String point) {
        String words = point.replace('-', ' ') + "s";
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String usage(String point) {
        return switch (point) {
            case "dataset-format" -> "loupe init PROJECT --images DIR --format ID [--labels PATH]";
            case "prediction-format" -> "loupe predictions import PROJECT FILE --name NAME --format ID";
            default -> "loupe embed PROJECT --model ID";
        };
    }
}
