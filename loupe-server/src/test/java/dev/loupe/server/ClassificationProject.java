package dev.loupe.server;

import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.embed.space.EmbeddingSpace;
import dev.loupe.embed.space.EmbeddingMetrics;
import dev.loupe.embed.model.FallbackEmbedding;
import dev.loupe.embed.run.EmbeddingRunner;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.IouType;
import dev.loupe.formats.folders.ClassFolderImporter;
import dev.loupe.formats.predictions.ClassificationCsvReader;
import dev.loupe.formats.predictions.ProjectCatalog;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Encord cat/dog/horse folders (7 cats, 9 dogs, 12 horses) with a classification set "clf" whose
 * probabilities are chosen so the figures can be worked out by hand: cat/7 is taken for a dog,
 * dog/1 and dog/2 for horses, everything else is right. Accuracy 25/28; confusion (rows true, columns
 * predicted; cat, dog, horse): [6 1 0; 0 7 2; 0 0 12].
 */
final class ClassificationProject {
    static final Path IMAGES = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data/encord-examples/classification");

    private ClassificationProject() {
    }

    /** {@link #create} with the model-free embedding of every image and its metrics, as 'loupe embed' stores them. */
    static Path embedded(Path dir) throws IOException {
        Path p = create(dir);
        try (ProjectStore store = ProjectStore.open(p)) {
            int threads = Runtime.getRuntime().availableProcessors();
            new EmbeddingRunner(store.embeddings(), new FallbackEmbedding(), threads, 8, true, ProgressListener.NONE).run(Map.of());
            EmbeddingModelInfo model = store.embeddings().models().get(0);
            EmbeddingMetrics.write(store.metrics().analysis(), EmbeddingSpace.of(store.embeddings().imageVectors(model.id()), store.embeddings().objectVectors(model.id()),
                    threads), model.name());
        }
        return p;
    }

    static Path create(Path dir) throws IOException {
        Path p = dir.resolve("classes");
        ClassFolderImporter importer = new ClassFolderImporter(IMAGES);
        ProjectStore.create(p, new ImportSource(importer.format(), IMAGES, null, Map.of()), importer::read);
        StringBuilder csv = new StringBuilder("image,horse,cat,dog\n");
        for (int i = 1; i <= 7; i++) {
            csv.append("cat/").append(i).append(".jpg,").append(i == 7 ? "0.1,0.3,0.6" : "0.1,0.8,0.1").append('\n');
        }
        for (int i = 1; i <= 9; i++) {
            csv.append("dog/").append(i).append(".jpg,").append(i <= 2 ? "0.5,0.1,0.4" : "0.1,0.1,0.8").append('\n');
        }
        for (int i = 1; i <= 12; i++) {
            csv.append("horse/").append(i).append(i == 1 ? ".jpg" : ".jpeg").append(",0.9,0.05,0.05\n");
        }
        Path file = dir.resolve("probs.csv");
        Files.writeString(file, csv);
        try (ProjectStore store = ProjectStore.open(p)) {
            ProjectCatalog catalog = new ProjectCatalog(store.labels().images(), store.labels().categories());
            ClassificationCsvReader reader = new ClassificationCsvReader(file);
            store.predictions().importSet("clf", "classification-csv", file.toString(), Map.of(),
                    (firstId, sink) -> reader.read(catalog, firstId, sink), new CocoOutcomeMatcher(IouType.BBOX));
        }
        return p;
    }
}
