package dev.loupe.app.similar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.app.StoreLender;
import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.IvfIndex;
import dev.loupe.knn.Neighbours;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The k-NN index kept in PROJECT/index/ (forced here on voc100's 100 images by an exact limit of 0):
 * its neighbours and similarities equal exact search; a newer embedding run makes it stale and it is
 * rebuilt; a missing or corrupt index is rebuilt with a message.
 */
class StoredIndexTest {
    private static final Path VOC100 = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data/voc100");
    private static final int DIM = 24;

    @TempDir
    Path tmp;
    private Path project;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void createProject() {
        project = tmp.resolve("voc100");
        Path images = VOC100.resolve("images");
        CocoImporter importer = new CocoImporter(VOC100.resolve("gts/coco_format_v1/instances_default.json"), images);
        ProjectStore.create(project, new ImportSource(importer.format(), images, null, Map.of()), importer::read);
    }

    /** Seeded vectors with signs mixed (so they are only normalised) for the images from {@code from} to {@code to}. */
    private static void embed(ProjectStore store, int from, int to) {
        embed(store, from, to, false);
    }

    /** {@code relu}: all values non-negative, as a ReLU model gives them (then they are square-rooted too). */
    private static void embed(ProjectStore store, int from, int to, boolean relu) {
        List<ImageRecord> images = store.labels().images();
        EmbeddingStore e = store.embeddings();
        EmbeddingStore.Run run = e.begin("synthetic", DIM, "seeded Gaussian vectors", Map.of());
        List<EmbeddingStore.Result> results = new ArrayList<>();
        for (int i = from; i < to; i++) {
            SplittableRandom r = new SplittableRandom(1000 + i);
            float[] v = new float[DIM];
            for (int k = 0; k < DIM; k++) {
                v[k] = (float) r.nextGaussian() + (i % 5 == k % 5 ? 2f : 0f);
                v[k] = relu ? Math.abs(v[k]) : v[k];
            }
            results.add(new EmbeddingStore.Result(images.get(i).id(), v, List.of(), List.of()));
        }
        e.write(run, results);
        e.finish(run.runId(), "succeeded", "");
    }

    /** Every image's 10 nearest (ids and similarities, through the index), and the use case's view of three images. */
    private List<Object> allNeighbours(ProjectStore store, int exactLimit) {
        try (EmbeddingIndexes indexes = new EmbeddingIndexes(StoreLender.of(store), exactLimit, notes::add)) {
            EmbeddingIndexes.Loaded l = indexes.images(null);
            assertThat(l.index()).isInstanceOf(exactLimit == 0 ? IvfIndex.class : ExactIndex.class);
            List<Object> out = new ArrayList<>();
            for (int row = 0; row < l.keys().size(); row++) {
                int self = row;
                Neighbours nn = l.index().search(l.index().vector(row), 10, i -> i == self);
                assertThat(nn.size()).isEqualTo(10);
                List<Object> ids = new ArrayList<>();
                for (int i = 0; i < nn.size(); i++) {
                    ids.add(l.keys().ids()[nn.rows()[i]] + "@" + nn.similarities()[i]);
                }
                out.add(ids);
            }
            SimilarImages similar = new SimilarImages(StoreLender.of(store), indexes);
            for (int row : new int[] {0, 41, l.keys().size() - 1}) {
                out.add(similar.of(l.keys().ids()[row], 10, null));
            }
            return out;
        }
    }

    @Test
    void theStoredIndexFindsWhatExactSearchFindsAndIsBuiltOnce() {
        try (ProjectStore store = ProjectStore.open(project)) {
            embed(store, 0, 100, true);
            List<Object> exact = allNeighbours(store, Integer.MAX_VALUE);
            assertThat(notes).isEmpty();
            List<Object> stored = allNeighbours(store, 0);
            assertThat(stored).isEqualTo(exact);
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0)).startsWith("building the k-NN index " + project.resolve("index").resolve("images-model-1"));
            notes.clear();
            assertThat(allNeighbours(store, 0)).isEqualTo(exact);
            assertThat(notes).as("loaded, not rebuilt").isEmpty();
        }
    }

    @Test
    void aNewerEmbeddingRunMakesTheIndexStale() {
        try (ProjectStore store = ProjectStore.open(project)) {
            embed(store, 0, 90);
            List<Object> before = allNeighbours(store, 0);
            assertThat(before).hasSize(93);
            embed(store, 90, 100);
            notes.clear();
            List<Object> after = allNeighbours(store, 0);
            assertThat(after).hasSize(103).isEqualTo(allNeighbours(store, Integer.MAX_VALUE));
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0)).contains("is stale (a newer loupe embed run changed the vectors): rebuilding it");
        }
    }

    @Test
    void aCorruptOrMissingIndexIsRebuiltWithAMessage() throws IOException {
        try (ProjectStore store = ProjectStore.open(project)) {
            embed(store, 0, 100);
            List<Object> exact = allNeighbours(store, Integer.MAX_VALUE);
            allNeighbours(store, 0);
            Path folder = project.resolve("index").resolve("images-model-1");
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.write(f, new byte[] {1, 2, 3});
                }
            }
            notes.clear();
            assertThat(allNeighbours(store, 0)).isEqualTo(exact);
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0)).startsWith(folder + " cannot be read (").contains("): rebuilding it");

            deleteTree(folder);
            notes.clear();
            assertThat(allNeighbours(store, 0)).isEqualTo(exact);
            assertThat(notes).hasSize(1);
            assertThat(notes.get(0)).startsWith("building the k-NN index " + folder);
            try (Stream<Path> siblings = Files.list(folder.getParent())) {
                assertThat(siblings.map(p -> p.getFileName().toString()).toList()).as("no partial folder left").containsExactly("images-model-1");
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
