package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.app.StoreLender;
import dev.loupe.app.similar.EmbeddingIndexes;
import java.util.List;
import dev.loupe.embed.space.EmbeddingSpace;
import dev.loupe.embed.space.EmbeddingMetrics;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.run.EmbedReport;
import dev.loupe.embed.run.EmbeddingRunner;
import dev.loupe.store.ProjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code loupe embed}: embeddings of every image and object (resumable), then the metrics and the 2-D map built on them. */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = {"Compute an embedding for every image and every object crop of a project (resumable).",
            "Then image.uniqueness, embedding near-duplicate clusters, annotation.quality and the 2-D (PCA) map."})
final class EmbedCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    ImageLimitOptions limits;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    Integer threads;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "16", description = "crops per inference call (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--no-objects", description = "embed whole images only, not object crops")
    boolean noObjects;

    @Option(names = "--export", paramLabel = "FILE", description = "also write the vectors to this Parquet file")
    Path export;

    @Option(names = "--scope", defaultValue = "image", description = "what --export writes: image or annotation (default: ${DEFAULT-VALUE})")
    String scope;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public boolean writesProject() {
        return true;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1 || batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads and --batch must be >= 1");
        }
        if (!scope.equals("image") && !scope.equals("annotation")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scope must be image or annotation, got " + scope);
        }
        long maxPixels = limits.maxPixels();
        modelOptions.preprocessing();
        Map<String, String> params = new TreeMap<>();
        params.put("threads", Integer.toString(n));
        params.put("max_pixels", Long.toString(maxPixels));
        params.put("objects", Boolean.toString(!noObjects));
        try (ProjectStore store = ProjectStore.open(project); EmbeddingModel model = modelOptions.open()) {
            boolean terminal = Loupe.terminal(spec);
            EmbedReport report = new EmbeddingRunner(store.embeddings(), model, n, batch, !noObjects,
                    new ConsoleProgress(spec.commandLine().getErr(), terminal, "embed"), maxPixels).run(params);
            if (terminal) {
                spec.commandLine().getErr().println();
            }
            out.printf("Embedded %d of %d images and %d objects with %s in %.1f s (%.1f crops/s, %d threads); %d failures%n",
                    report.embedded(), report.images(), report.objects(), model.name(), report.seconds(), report.rate(), n,
                    report.failures());
            EmbeddingModelInfo info = store.embeddings().models().stream().filter(m -> m.name().equals(model.name())).findFirst()
                    .orElseThrow(() -> new LoupeException(LoupeException.Reason.STORE, "model " + model.name() + " was not recorded"));
            embeddingSpace(store, info, model.name(), n, terminal, out);
            // The k-NN index of large sets is built now, not by the first similar query after this run.
            long indexStart = System.nanoTime();
            try (EmbeddingIndexes indexes = new EmbeddingIndexes(StoreLender.of(store),
                    note -> spec.commandLine().getErr().println("loupe: " + note))) {
                List<String> kinds = indexes.prepareStored(info);
                if (!kinds.isEmpty()) {
                    out.printf("k-NN index of the %s vectors stored in %s in %.1f s.%n", String.join(" and ", kinds),
                            project.resolve("index"), (System.nanoTime() - indexStart) / 1e9);
                }
            }
            if (export != null) {
                long rows = store.embeddings().export(info.id(), scope, export);
                out.printf("Wrote %d %s vectors to %s%n", rows, scope, export);
            }
        }
        return 0;
    }

    /**
     * The second phase: uniqueness, near-duplicate clusters, annotation quality and the maps, with the
     * neighbour search's progress; skipped when the model, the vectors, the labels and the rules are
     * those the stored values were computed from (their fingerprint is recorded with them).
     */
    private void embeddingSpace(ProjectStore store, EmbeddingModelInfo info, String modelName, int threads, boolean terminal, PrintWriter out) {
        long start = System.nanoTime();
        VectorSet images = store.embeddings().imageVectors(info.id());
        VectorSet objects = store.embeddings().objectVectors(info.id());
        String fingerprint = EmbeddingSpace.fingerprint(modelName, images, objects);
        long read = System.nanoTime();
        writeFlatVectors(store, info, images);
        if (fingerprint.equals(store.embeddings().spaceFingerprint())) {
            out.printf("Uniqueness, near-duplicate clusters, annotation quality and the 2-D map are up to date (%s, the same %d image "
                    + "and %d object vectors and labels): skipped (%.1f s to check).%n", modelName, images.size(), objects.size(),
                    (System.nanoTime() - start) / 1e9);
            return;
        }
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), terminal, "embed: neighbours", "rows", "rows");
        EmbeddingSpace a = EmbeddingSpace.of(images, objects, threads, progress);
        if (terminal) {
            spec.commandLine().getErr().println();
        }
        long computed = System.nanoTime();
        store(store, info, a, modelName);
        store.embeddings().recordSpace(fingerprint);
        long end = System.nanoTime();
        out.printf("Uniqueness, near-duplicate clusters, annotation quality and the 2-D map in %.1f s (reading the vectors %.1f s, "
                + "neighbours and the rest %.1f s, storing %.1f s).%n", (end - start) / 1e9, (read - start) / 1e9, (computed - read) / 1e9,
                (end - computed) / 1e9);
        new EmbeddingText(store).print(out, a);
    }

    /**
     * Below the exact-search limit, the prepared image vectors in one flat file for {@code loupe similar}
     * (memory-mapped there instead of read through the database), unless the file is current. A file that
     * cannot be written is noted; similar then reads the vectors from the store.
     */
    private void writeFlatVectors(ProjectStore store, EmbeddingModelInfo info, VectorSet images) {
        if (images.size() == 0 || images.size() > EmbeddingIndexes.defaultExactLimit()) {
            return;
        }
        Path file = EmbeddingIndexes.flatImageVectors(store.dir(), info);
        String key = EmbeddingIndexes.key(info, images.keys());
        if (key.equals(dev.loupe.knn.FlatVectors.key(file))) {
            return;
        }
        try {
            dev.loupe.knn.FlatVectors.write(file, key, dev.loupe.knn.Vectors.forSimilarity(images.vectors()));
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("loupe: cannot write " + file + " (" + e.getMessage() + "); loupe similar will read "
                    + "the vectors from the project instead");
        }
    }

    /** Stores the metric values (as any metric: filters, sorting and outliers apply) and the maps. */
    static void store(ProjectStore store, EmbeddingModelInfo info, EmbeddingSpace a, String modelName) {
        EmbeddingMetrics.store(store.metrics().analysis(), store.embeddings(), info.id(), a, modelName);
    }
}
