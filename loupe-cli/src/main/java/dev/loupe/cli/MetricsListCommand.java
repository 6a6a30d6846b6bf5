package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.embed.space.EmbeddingMetrics;
import dev.loupe.api.MetricDescriptor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code loupe metrics list}: every available metric with its definition. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List every metric: id, scope, kind, description.")
final class MetricsListCommand implements Callable<Integer> {
    @Option(names = "--json", description = "print as JSON (stable shape, documented in the README)")
    boolean json;

    @Option(names = "--markdown", description = "print the README's metric table")
    boolean markdown;

    @Option(names = "--plugins", paramLabel = "DIR", description = "also load the metric plugin jars in DIR (e.g. PROJECT/plugins)")
    Path plugins;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One metric in the JSON listing. */
    record MetricInfo(String id, String title, String scope, String kind, String phase, List<String> shapes,
                      String direction, String version, boolean outliers, boolean needsPixels, String description,
                      String implementation) {
    }

    static MetricInfo info(Metric m) {
        String phase = m instanceof DatasetMetric ? "dataset" : "item";
        boolean pixels = m instanceof ImageMetric im ? im.needsPixels()
                : m instanceof AnnotationMetric am ? am.needsPixels() : !(m instanceof DatasetMetric);
        return info(m.descriptor(), phase, pixels, m.getClass());
    }

    private static MetricInfo info(MetricDescriptor d, String phase, boolean pixels, Class<?> implementation) {
        List<String> shapes = d.scope() == dev.loupe.api.Scope.IMAGE ? List.of()
                : d.shapes().stream().sorted().map(s -> lower(s)).toList();
        return new MetricInfo(d.id(), d.title(), lower(d.scope()), lower(d.kind()), phase, shapes, lower(d.direction()),
                d.version(), d.outliers(), pixels, d.description(), implementation.getName());
    }

    /** The registry's metrics (plugins included) and those of {@code loupe embed} (phase "embed"), by scope then id. */
    static List<MetricInfo> catalogue(Path plugins) {
        List<MetricInfo> infos = new java.util.ArrayList<>(Plugins.registry(plugins).all().stream().map(MetricsListCommand::info).toList());
        EmbeddingMetrics.ALL.forEach((d, c) -> infos.add(info(d, "embed", false, c)));
        infos.sort(java.util.Comparator.comparing((MetricInfo m) -> dev.loupe.api.Scope.valueOf(m.scope().toUpperCase(Locale.ROOT)))
                .thenComparing(MetricInfo::id));
        return infos;
    }

    /** The metric table of the README (a test keeps the README in step with the registry). */
    static String markdownTable(List<MetricInfo> infos) {
        StringBuilder sb = new StringBuilder("| id | scope | kind | definition |\n|---|---|---|---|\n");
        for (MetricInfo m : infos) {
            sb.append("| `").append(m.id()).append("` | ").append(m.scope())
                    .append(m.phase().equals("item") ? "" : " (" + m.phase() + ")").append(" | ").append(m.kind()).append(" | ")
                    .append(m.description().replace("|", "\\|")).append(" |\n");
        }
        return sb.toString();
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Integer call() {
        if (plugins != null && !java.nio.file.Files.isDirectory(plugins)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--plugins " + plugins + " is not a folder");
        }
        List<MetricInfo> infos = catalogue(plugins);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(WireJson.pretty(infos));
        } else if (markdown) {
            out.print(markdownTable(infos));
        } else {
            out.printf("%-36s %-11s %-20s %s%n", "id", "scope", "kind", "description");
            for (MetricInfo m : infos) {
                out.printf("%-36s %-11s %-20s %s%n", m.id(), m.scope(), m.kind(), m.description());
            }
            out.printf("%d metrics%n", infos.size());
        }
        out.flush();
        return 0;
    }

}
