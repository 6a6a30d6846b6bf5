package dev.loupe.spark;

import dev.loupe.api.Metric;
import dev.loupe.core.LoupeException;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.formats.DatasetChoice;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.store.ImportResult;
import dev.loupe.store.parquet.ParquetDump;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job: {@code spark-submit --class dev.loupe.spark.SparkAnalyze ... ARGS}, or
 * {@code loupe spark analyze ARGS} for a local run. Imports the dataset on the driver, analyses its
 * images on the executors, and writes the project's tables as Parquet to the output folder, which
 * must be visible to the driver and to every executor (a shared or local file system), as must the
 * images. {@code loupe attach} makes a project of the output.
 */
@Command(name = "loupe spark analyze", mixinStandardHelpOptions = true,
        description = {"Import a dataset and compute its metrics on Apache Spark, writing the project's tables",
            "as Parquet (the same tables as 'loupe dump'). 'loupe attach PROJECT OUT_DIR' makes it a project.",
            "The images and OUT_DIR must be reachable at the same paths from the driver and every executor."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:invalid command line", "3:bad input", "6:the output could not be written"})
public final class SparkAnalyze implements Callable<Integer> {
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "folder the image paths are relative to")
    Path images;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Label format (exactly one):%n")
    JobImporters.LabelSource labels;

    @Option(names = "--labels", paramLabel = "PATH", description = "the labels of --format ID (a file or folder, as the format reads)")
    Path labelsPath;

    @Option(names = "--classes", paramLabel = "FILE", description = "class names file for --yolo and --voc (as 'loupe init')")
    Path classes;

    @Option(names = "--metrics", split = ",", paramLabel = "ID", description = "metric ids to run (default: all); dependencies are added")
    List<String> metrics;

    @Option(names = "--plugins", paramLabel = "DIR", description = "folder of plugin jars (metrics, dataset formats), readable by every executor")
    Path plugins;

    @Option(names = "--partitions", paramLabel = "N", description = "image ranges to spread (default: 4 per executor core)")
    Integer partitions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "metric threads in each task (default: ${DEFAULT-VALUE}; Spark runs one task per core)")
    int threads;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "" + ImageDecoder.DEFAULT_MAX_PIXELS,
            description = "images declaring more pixels are not decoded; each is recorded as a failure (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_DIR", description = "folder to write (must not exist or be empty)")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private DatasetChoice choice;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The job's command line, with failures mapped to exit codes and one-line messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparkAnalyze());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof LoupeException le) {
                line.getErr().println("loupe spark: " + le.getMessage());
                return le.reason() == LoupeException.Reason.STORE ? 6 : 3;
            }
            line.getErr().println("loupe spark: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() throws IOException {
        if (threads < 1 || maxPixels < 1 || (partitions != null && partitions < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads, --partitions and --max-pixels must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path target = output.toAbsolutePath().normalize();
        requireEmpty(target);
        if (plugins != null && !java.nio.file.Files.isDirectory(plugins)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--plugins " + plugins + " is not a folder");
        }
        choice = JobImporters.choice(labels, labelsPath, spec.commandLine());
        DatasetImporter importer = JobImporters.create(images, choice, classes, plugins, spec.commandLine());
        List<Metric> selected = MetricRegistry.withPlugins(plugins, SparkAnalyze.class.getClassLoader()).select(metrics);
        List<String> ids = selected.stream().map(m -> m.descriptor().id()).toList();
        Path work = target.resolve("_work");
        try {
            return run(out, target, work, importer, selected, ids);
        } catch (IOException | RuntimeException | Error e) {
            // a failed run leaves no half output: the next run may use the same folder
            SliceTask.deleteRecursively(work);
            throw e;
        }
    }

    private int run(PrintWriter out, Path target, Path work, DatasetImporter importer, List<Metric> selected, List<String> ids)
            throws IOException {
        Path project = work.resolve("project");
        ImportResult imported = ProjectStore.create(project, JobImporters.source(importer, images, choice, classes), importer::read);
        out.printf("Imported %d images, %d annotations, %d issues (%s, %.1f s)%n", imported.images(), imported.annotations(),
                imported.issueCount(), importer.format(), imported.seconds());
        out.flush();
        RunReport report;
        DistributedAnalysis analysis;
        ParquetDump dump;
        try (JavaSparkContext spark = new JavaSparkContext(conf()); ProjectStore store = ProjectStore.open(project)) {
            int parts = partitions != null ? partitions : 4 * spark.defaultParallelism();
            Map<String, String> params = new TreeMap<>();
            params.put("engine", "spark");
            params.put("master", spark.master());
            params.put("partitions", Integer.toString(parts));
            params.put("threads", Integer.toString(threads));
            params.put("max_pixels", Long.toString(maxPixels));
            Path pluginDir = plugins == null ? null : plugins.toAbsolutePath().normalize();
            analysis = new DistributedAnalysis(store, spark, work, parts,
                    (in, slices, p) -> new SliceTask(in, slices, ids, pluginDir, threads, maxPixels, p));
            report = new MetricRunner(analysis, 1, ProgressListener.NONE, maxPixels).run(selected, params);
            out.printf("Analysed %d images with %d metrics on Spark (%s, %d partitions) in %.1f s (%.1f images/s); %d failures%n",
                    analysis.reports().stream().mapToLong(SliceReport::analysed).sum(), ids.size(), spark.master(),
                    analysis.reports().size(), report.seconds(), report.seconds() > 0 ? report.images() / report.seconds() : 0,
                    report.failures());
            List<SliceReport> tasks = analysis.reports();
            out.printf("  %d tasks, on average %.1f s each: %.1f s metrics, %.1f s Parquet out, the rest setting up its store%n",
                    tasks.size(), tasks.stream().mapToDouble(SliceReport::seconds).average().orElse(0),
                    tasks.stream().mapToDouble(SliceReport::metricSeconds).average().orElse(0),
                    tasks.stream().mapToDouble(SliceReport::outputSeconds).average().orElse(0));
            dump = store.exports().dump(work.resolve("dump"));
        }
        publish(work.resolve("dump"), target);
        SliceTask.deleteRecursively(work);
        long rows = dump.rows().values().stream().mapToLong(Long::longValue).sum();
        out.printf("Wrote %s: %d rows in %d tables. Run 'loupe attach PROJECT %s' to open it as a project.%n", target, rows,
                dump.rows().size(), target);
        return 0;
    }

    private SparkConf conf() {
        SparkConf conf = new SparkConf().setAppName("loupe analyze");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            throw LoupeException.badInput("output folder " + dir + " is a file; choose a new folder");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw LoupeException.badInput("output folder " + dir + " is not empty; choose a new folder");
                }
            }
        }
    }

    /** Moves each table folder of the finished dump into the output folder. */
    private static void publish(Path dump, Path target) throws IOException {
        try (Stream<Path> tables = Files.list(dump)) {
            for (Path t : tables.toList()) {
                Files.move(t, target.resolve(t.getFileName()));
            }
        }
    }
}
