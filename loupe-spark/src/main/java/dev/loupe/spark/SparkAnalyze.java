package dev.loupe.spark;

import dev.loupe.api.Metric;
import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.run.EmbedReport;
import dev.loupe.embed.run.EmbeddingRunner;
import dev.loupe.embed.space.EmbeddingMetrics;
import dev.loupe.embed.space.EmbeddingSpace;
import dev.loupe.formats.DatasetChoice;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.store.ImportResult;
import dev.loupe.store.ImportSource;
import dev.loupe.store.parquet.ParquetDump;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
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
 * images on the executors, and writes the project's tables as Parquet to the output folder.
 * {@code loupe attach} makes a project of the output.
 *
 * <p>Each of the images folder, the labels and the output folder is either a path, which the driver
 * and every executor must reach as it is (a local or shared file system), or a URI of a Hadoop file
 * system (HDFS, S3 through s3a, ...). From a URI the driver copies the labels, and reads the image
 * headers through the executors into a {@link HeaderMirror} the importers read; each partition
 * copies its own images and input rows, and its output back ({@link JobFolders}).
 */
@Command(name = "loupe spark analyze", mixinStandardHelpOptions = true,
        description = {"Import a dataset and compute its metrics (and with --embed its embeddings)",
            "on Apache Spark, writing the project's tables as Parquet, as 'loupe dump' does;",
            "'loupe attach PROJECT OUT_DIR' makes them a project. --images, the labels and",
            "-o are paths the driver and every executor reach as they are, or URIs of a",
            "Hadoop file system (hdfs://..., s3a://..., its connector on the class path)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:invalid command line", "3:bad input", "6:the output could not be written"})
public final class SparkAnalyze implements Callable<Integer> {
    /** Crops per inference call, as 'loupe embed''s default. */
    private static final int EMBED_BATCH = 16;
    /** The work folder inside the output folder while the job runs. */
    private static final String WORK = "_work";

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "folder the image paths are relative to (a path or a URI)")
    String images;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Label format (exactly one):%n")
    JobImporters.LabelSource labels;

    @Option(names = "--labels", paramLabel = "PATH", description = "the labels of --format ID (a file or folder, as the format reads)")
    String labelsPath;

    @Option(names = "--classes", paramLabel = "FILE", description = "class names file for --yolo and --voc (as 'loupe init')")
    String classes;

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

    @Option(names = "--embed", paramLabel = "MODEL", description = {"also embed every image and object crop on the executors with "
            + "this model, as 'loupe embed --model' (mobilenet, fallback, onnx:PATH with a path every executor reads, or a plugin's), "
            + "then compute uniqueness, near-duplicate clusters, annotation quality and the 2-D map on the driver"})
    String embed;

    @Option(names = "--no-objects", description = "with --embed: whole images only, not object crops")
    boolean noObjects;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_DIR", description = "folder to write, a path or a URI "
            + "(must not exist or be empty)")
    String output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
        if (plugins != null && !Files.isDirectory(plugins)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--plugins " + plugins + " is not a folder");
        }
        if (embed != null) {
            EmbeddingSlice.check(embed, plugins == null ? null : plugins.toAbsolutePath().normalize().toString());
        } else if (noObjects) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--no-objects goes with --embed MODEL");
        }
        boolean remote = HadoopFiles.isUri(images) || HadoopFiles.isUri(output) || HadoopFiles.isUri(classes)
                || JobImporters.anyUri(labels, labelsPath);
        return remote ? runWithHadoop() : runLocal();
    }

    /** Every location a path: checked before Spark starts; the work folder is the output's. */
    private int runLocal() throws IOException {
        Path target = Path.of(output).toAbsolutePath().normalize();
        requireEmpty(target);
        DatasetChoice choice = JobImporters.choice(labels, labelsPath, spec.commandLine(), (location, what) -> Path.of(location));
        Path classFile = classes == null ? null : Path.of(classes);
        DatasetImporter importer = JobImporters.create(Path.of(images), choice, classFile, plugins, spec.commandLine());
        ImportSource source = JobImporters.source(importer, Path.of(images), choice, classFile);
        Path work = target.resolve(WORK);
        try {
            printImport(ProjectStore.create(work.resolve("project"), source, importer::read), importer);
            ParquetDump dump;
            try (JavaSparkContext spark = new JavaSparkContext(conf())) {
                dump = analyse(spark, work, pass -> JobFolders.local(work.resolve(pass).resolve("input"), work.resolve(pass).resolve("output")));
            }
            publish(dump.dir(), target);
            SliceTask.deleteRecursively(work);
            report(dump, target.toString());
            return 0;
        } catch (IOException | RuntimeException | Error e) {
            // a failed run leaves no half output: the next run may use the same folder
            SliceTask.deleteRecursively(work);
            throw e;
        }
    }

    /**
     * Some location a URI: Spark starts first (its Hadoop configuration reaches the file systems),
     * the labels are copied and the image headers mirrored to a local work folder, and the output is
     * written through a work folder inside the output's.
     */
    private int runWithHadoop() throws IOException {
        try (JavaSparkContext spark = new JavaSparkContext(conf())) {
            HadoopFiles files = new HadoopFiles(spark.hadoopConfiguration());
            boolean remoteOutput = HadoopFiles.isUri(output);
            String target = remoteOutput ? files.path(output).toString() : Path.of(output).toAbsolutePath().normalize().toString();
            if (remoteOutput) {
                requireEmpty(files, target);
            } else {
                requireEmpty(Path.of(target));
            }
            // the driver's work folder: the output's when it is a path (the executors read it), else a local one
            Path work = remoteOutput ? Files.createTempDirectory("loupe-spark-") : Path.of(target, WORK);
            String remoteWork = remoteOutput ? HadoopFiles.resolve(target, WORK) : null;
            try {
                Map<Path, String> staged = new LinkedHashMap<>();
                String imagesUri = HadoopFiles.isUri(images) ? files.path(images).toString() : null;
                JobImporters.Locator place = (location, what) -> stage(files, location, what, work.resolve("labels"), staged, imagesUri);
                DatasetChoice choice = JobImporters.choice(labels, labelsPath, spec.commandLine(), place);
                Path classFile = classes == null ? null : place.locate(classes, "class names file (--classes)");
                Path imageRoot = Path.of(images);
                if (imagesUri != null) {
                    if (!files.isFolder(imagesUri)) {
                        throw LoupeException.badInput("images folder (--images) not found: " + imagesUri);
                    }
                    imageRoot = work.resolve("images");
                    HeaderMirror.Result mirror = HeaderMirror.build(spark, files, imagesUri, imageRoot, out());
                    mirror.unreadable().forEach(u -> out().println("  cannot read " + u));
                    staged.put(imageRoot, imagesUri);
                }
                DatasetImporter importer = JobImporters.create(imageRoot, choice, classFile, plugins, spec.commandLine());
                importInto(work.resolve("project"), JobImporters.source(importer, imageRoot, choice, classFile), importer, staged);
                String shared = remoteOutput ? remoteWork : work.toString();
                ParquetDump dump = analyse(spark, work, pass -> new JobFolders(HadoopFiles.resolve(shared, pass + "/input"),
                        HadoopFiles.resolve(shared, pass + "/output"), imagesUri, files));
                if (remoteOutput) {
                    files.upload(dump.dir(), target);
                    files.delete(remoteWork);
                } else {
                    publish(dump.dir(), Path.of(target));
                }
                report(dump, target);
                return 0;
            } finally {
                // a finished or failed run leaves no work folder: the next run may use the same output
                SliceTask.deleteRecursively(work);
                if (remoteWork != null) {
                    files.delete(remoteWork);
                }
            }
        }
    }

    /**
     * Copies a label file or folder given as a URI to a local folder, without the images folder when
     * it lies inside (VOC's layout); a path stays as it is.
     */
    private static Path stage(HadoopFiles files, String location, String what, Path dir, Map<Path, String> staged,
                              String imagesUri) throws IOException {
        if (!HadoopFiles.isUri(location)) {
            return Path.of(location);
        }
        String uri = files.path(location).toString();
        if (!files.exists(uri)) {
            throw LoupeException.badInput(what + " not found: " + uri);
        }
        Path local = Files.createDirectories(dir.resolve(Integer.toString(staged.size()))).resolve(new org.apache.hadoop.fs.Path(uri).getName());
        files.download(uri, local, imagesUri);
        staged.put(local, uri);
        return local;
    }

    private void importInto(Path project, ImportSource source, DatasetImporter importer, Map<Path, String> staged) {
        printImport(ProjectStore.create(project, source, importer::read), importer);
        try (ProjectStore store = ProjectStore.open(project)) {
            staged.forEach((local, uri) -> store.exports().replaceInProvenance(local, uri));
        }
    }

    private void printImport(ImportResult imported, DatasetImporter importer) {
        out().printf("Imported %d images, %d annotations, %d issues (%s, %.1f s)%n", imported.images(), imported.annotations(),
                imported.issueCount(), importer.format(), imported.seconds());
        out().flush();
    }

    /**
     * Runs the metrics (and, with --embed, the embeddings) of the project in {@code work/project} on
     * Spark and dumps its tables to {@code work/dump}.
     *
     * @param folders where the partitions of a pass ("metrics", "embed") read and write
     */
    private ParquetDump analyse(JavaSparkContext spark, Path work, Function<String, JobFolders> folders) {
        List<Metric> selected = MetricRegistry.withPlugins(plugins, SparkAnalyze.class.getClassLoader()).select(metrics);
        List<String> ids = selected.stream().map(m -> m.descriptor().id()).toList();
        try (ProjectStore store = ProjectStore.open(work.resolve("project"))) {
            int parts = partitions != null ? partitions : 4 * spark.defaultParallelism();
            Map<String, String> params = new TreeMap<>();
            params.put("engine", "spark");
            params.put("master", spark.master());
            params.put("partitions", Integer.toString(parts));
            params.put("threads", Integer.toString(threads));
            params.put("max_pixels", Long.toString(maxPixels));
            String pluginDir = plugins == null ? null : plugins.toAbsolutePath().normalize().toString();
            PartitionStage stage = new PartitionStage(store, spark, work.resolve("metrics"), folders.apply("metrics"), parts);
            DistributedAnalysis analysis = new DistributedAnalysis(store, stage,
                    p -> new MetricSlice(ids, pluginDir, threads, maxPixels, p));
            RunReport report = new MetricRunner(analysis, 1, ProgressListener.NONE, maxPixels).run(selected, params);
            PrintWriter out = out();
            out.printf("Analysed %d images with %d metrics on Spark (%s, %d partitions) in %.1f s (%.1f images/s); %d failures%n",
                    analysis.reports().stream().mapToLong(SliceReport::analysed).sum(), ids.size(), spark.master(),
                    analysis.reports().size(), report.seconds(), report.seconds() > 0 ? report.images() / report.seconds() : 0,
                    report.failures());
            printTasks(analysis.reports());
            if (embed != null) {
                Map<String, String> embedParams = new TreeMap<>(params);
                embedParams.put("objects", Boolean.toString(!noObjects));
                embed(store, new PartitionStage(store, spark, work.resolve("embed"), folders.apply("embed"), parts), embedParams,
                        pluginDir);
            }
            return store.exports().dump(work.resolve("dump"));
        }
    }

    /** The embedding pass on the executors, then the second phase over every vector on the driver, as 'loupe embed' does. */
    private void embed(ProjectStore store, PartitionStage stage, Map<String, String> params, String pluginDir) {
        PrintWriter out = out();
        try (EmbeddingModel model = EmbeddingSlice.open(embed, pluginDir)) {
            DistributedEmbedding embedding = new DistributedEmbedding(store, stage,
                    p -> new EmbeddingSlice(embed, !noObjects, pluginDir, threads, EMBED_BATCH, maxPixels, p));
            EmbedReport report = new EmbeddingRunner(embedding, model, 1, EMBED_BATCH, !noObjects, ProgressListener.NONE, maxPixels)
                    .run(params);
            EmbeddingModelInfo info = store.embeddings().models().stream().filter(m -> m.name().equals(model.name())).findFirst()
                    .orElseThrow(() -> new LoupeException(LoupeException.Reason.STORE, "model " + model.name() + " was not recorded"));
            VectorSet images = store.embeddings().imageVectors(info.id());
            VectorSet objects = store.embeddings().objectVectors(info.id());
            out.printf("Embedded %d images and %d objects with %s on Spark in %.1f s; %d failures%n", images.size(), objects.size(),
                    model.name(), report.seconds(), embedding.reports().stream().mapToLong(SliceReport::failures).sum());
            printTasks(embedding.reports());
            long start = System.nanoTime();
            EmbeddingSpace space = EmbeddingSpace.of(images, objects, Runtime.getRuntime().availableProcessors());
            EmbeddingMetrics.store(store.metrics().analysis(), store.embeddings(), info.id(), space, model.name());
            store.embeddings().recordSpace(EmbeddingSpace.fingerprint(model.name(), images, objects));
            out.printf("Uniqueness, near-duplicate clusters, annotation quality and the 2-D map on the driver in %.1f s%n",
                    (System.nanoTime() - start) / 1e9);
        }
    }

    private void printTasks(List<SliceReport> tasks) {
        out().printf("  %d tasks, on average %.1f s each: %.1f s the pass, %.1f s Parquet out, the rest setting up its store%n",
                tasks.size(), tasks.stream().mapToDouble(SliceReport::seconds).average().orElse(0),
                tasks.stream().mapToDouble(SliceReport::metricSeconds).average().orElse(0),
                tasks.stream().mapToDouble(SliceReport::outputSeconds).average().orElse(0));
        out().flush();
    }

    private void report(ParquetDump dump, String written) {
        long rows = dump.rows().values().stream().mapToLong(Long::longValue).sum();
        // a file: URI is a local folder 'loupe attach' opens as it is
        String target = written.startsWith("file:") ? new org.apache.hadoop.fs.Path(written).toUri().getPath() : written;
        if (HadoopFiles.isUri(target)) {
            out().printf("Wrote %s: %d rows in %d tables. Copy it to a local folder (hdfs dfs -get, aws s3 cp --recursive, ...) "
                    + "and run 'loupe attach PROJECT DIR' to open it as a project.%n", target, rows, dump.rows().size());
        } else {
            out().printf("Wrote %s: %d rows in %d tables. Run 'loupe attach PROJECT %s' to open it as a project.%n", target, rows,
                    dump.rows().size(), target);
        }
        if (HadoopFiles.isUri(images)) {
            out().printf("Its images are in %s: give 'loupe attach' --images DIR, a local copy of them, to see them.%n", images);
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
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

    /**
     * Refuses an output folder that is a file or holds anything but the work folder of an
     * interrupted run ({@code _work}, left when the driver was killed), which is removed.
     */
    private void requireEmpty(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            throw LoupeException.badInput("output folder " + dir + " is a file; choose a new folder");
        }
        if (Files.isDirectory(dir)) {
            List<Path> entries;
            try (Stream<Path> list = Files.list(dir)) {
                entries = list.toList();
            }
            if (entries.equals(List.of(dir.resolve(WORK)))) {
                out().printf("Removing %s, the work folder of an interrupted run%n", entries.get(0));
                SliceTask.deleteRecursively(entries.get(0));
            } else if (!entries.isEmpty()) {
                throw LoupeException.badInput("output folder " + dir + " is not empty; choose a new folder");
            }
        }
    }

    /** As {@link #requireEmpty(Path)}, for an output folder on a Hadoop file system. */
    private void requireEmpty(HadoopFiles files, String dir) throws IOException {
        String work = HadoopFiles.resolve(dir, WORK);
        if (files.exists(work) && files.isMissingOrEmpty(dir, WORK)) {
            out().printf("Removing %s, the work folder of an interrupted run%n", work);
            files.delete(work);
        }
        if (!files.isMissingOrEmpty(dir, null)) {
            throw LoupeException.badInput("output folder " + dir + " is not empty; choose a new folder");
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
