package dev.loupe.server;

import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.metrics.runner.AnalysisStore;
import dev.loupe.embed.analysis.Pca;
import dev.loupe.embed.knn.Vectors;
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
            new MetricRunner(store.analysis(), Runtime.getRuntime().availableProcessors(), ProgressListener.NONE)
                    .run(registry.select(METRICS), Map.of());
            // The model-free embedding (colour histogram + DCT), for the similar-images endpoint and view.
            new EmbeddingRunner(store.embeddings(), new FallbackEmbedding(), Runtime.getRuntime().availableProcessors(), 32, false,
                    ProgressListener.NONE).run(Map.of());
            // Its 2-D map as metrics, as 'loupe embed' stores it (EmbedTest checks the command does).
            EmbeddingModelInfo model = store.embeddingModels().get(0);
            VectorSet vectors = store.imageVectors(model.id());
            Pca.Projection map = Pca.project(Vectors.forSimilarity(vectors.vectors()));
            AnalysisStore analysis = store.analysis();
            long run = analysis.begin(List.of(Pca.IMAGE_X, Pca.IMAGE_Y), Map.of("source", "embeddings"));
            analysis.writeAll(run, Pca.IMAGE_X, vectors.ids(), map.x(), vectors.ids().length);
            analysis.writeAll(run, Pca.IMAGE_Y, vectors.ids(), map.y(), vectors.ids().length);
            analysis.finish(run, "succeeded", "embedding map");
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
