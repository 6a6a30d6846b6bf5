package dev.loupe.server;

import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.embed.space.EmbeddingSpace;
import dev.loupe.embed.space.EmbeddingMetrics;
import dev.loupe.embed.model.FallbackEmbedding;
import dev.loupe.embed.run.EmbeddingRunner;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The BCCD sample (364 smears, Pascal VOC) imported and analysed once per test JVM with the metrics
 * the web app's pages use and the model-free image embedding, shared by the API and browser tests; deleted when the JVM exits.
 */
final class BccdProject {
    static final Path BCCD = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data/bccd/BCCD");
    static final List<String> METRICS = List.of("image.perceived_brightness_p99", "image.brightness", "image.blur_score_cleanvision",
            "image.entropy", "image.object_count", "annotation.relative_area", "annotation.border_proximity",
            "annotation.duplicate_overlap", "annotation.out_of_bounds", "annotation.degenerate", "annotation.width",
            "annotation.aspect_ratio", "annotation.shape_anomaly");
    private static Path project;

    private BccdProject() {
    }

    static synchronized Path get() throws IOException {
        if (project != null) {
            return project;
        }
        Path dir = Files.createTempDirectory("loupe-server-test");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        Path p = dir.resolve("bccd");
        Path images = BCCD.resolve("JPEGImages");
        VocImporter importer = new VocImporter(BCCD, images, null);
        ProjectStore.create(p, new ImportSource(importer.format(), images, BCCD.toString(), Map.of()), importer::read);
        try (ProjectStore store = ProjectStore.open(p)) {
            MetricRegistry registry = MetricRegistry.load(BccdProject.class.getClassLoader());
            new MetricRunner(store.metrics().analysis(), Runtime.getRuntime().availableProcessors(), ProgressListener.NONE)
                    .run(registry.select(METRICS), Map.of());
            // The model-free embedding (colour histogram + DCT) of images and object crops and its metrics, as 'loupe embed'
            // stores them (EmbedTest checks the command does), for similar items, the embedding map and label agreement.
            new EmbeddingRunner(store.embeddings(), new FallbackEmbedding(), Runtime.getRuntime().availableProcessors(), 32, true,
                    ProgressListener.NONE).run(Map.of());
            EmbeddingModelInfo model = store.embeddings().models().get(0);
            EmbeddingSpace analysis = EmbeddingSpace.of(store.embeddings().imageVectors(model.id()), store.embeddings().objectVectors(model.id()),
                    Runtime.getRuntime().availableProcessors());
            EmbeddingMetrics.write(store.metrics().analysis(), analysis, model.name());
        }
        project = p;
        return p;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder; the OS cleans it eventually
        }
    }
}
