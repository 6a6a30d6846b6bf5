package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.PixelImage;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.embed.model.ModelRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extend this in a plugin's tests to run Loupe's contract on an embedding model: give the factory (and, when it
 * takes an argument or files, the request). On the odd images of {@link MetricSamples} (1x1, 2x300, 300x1, black,
 * checkerboard, noise, gradient) it checks one vector per image of the declared dimension, finite values, the same
 * vectors the second time and from 4 threads at once, and unit length when {@link #unitNorm()} promises it; the
 * same for object crops. Every built-in model passes the same contract (loupe-testkit's own tests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EmbeddingModelContractTest {
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    private EmbeddingModel model;

    /** The model under test. */
    protected abstract EmbeddingModelFactory factory();

    /** How to open it: by default no argument, no preprocessing, no cache, one thread per call. */
    protected ModelRequest request(Path dir) throws IOException {
        return new ModelRequest(null, null, null, 1);
    }

    /** Whether every vector has length 1 (within 1e-4): override to promise it, and the contract checks it. */
    protected boolean unitNorm() {
        return false;
    }

    @AfterAll
    void close() {
        if (model != null) {
            model.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> embeddingModelContract() {
        EmbeddingModelFactory f = factory();
        String id = f.id();
        return Stream.of(
                DynamicTest.dynamicTest(id + ": id and description", () -> {
                    ServiceChecks.id(f, EmbeddingModelFactory::id, f.description());
                    assertThat(f.usage()).as(id + ": usage").startsWith(id);
                }),
                DynamicTest.dynamicTest(id + ": listed in META-INF/services", () -> ServiceChecks.listed(f, EmbeddingModelFactory.class)),
                DynamicTest.dynamicTest(id + ": public no-argument constructor", () -> ServiceChecks.constructor(f, EmbeddingModelFactory::id)),
                DynamicTest.dynamicTest(id + ": a name, a description and positive dimensions", () -> {
                    EmbeddingModel m = model();
                    assertThat(m.name()).as(id + ": name()").isNotBlank();
                    assertThat(m.description()).as(id + ": description()").isNotBlank();
                    assertThat(m.dimension()).as(id + ": dimension()").isPositive();
                    assertThat(m.objectDimension()).as(id + ": objectDimension()").isPositive();
                }),
                DynamicTest.dynamicTest(id + ": images: one vector each, of the declared dimension, deterministic",
                        () -> vectors(false)),
                DynamicTest.dynamicTest(id + ": crops: one vector each, of the declared dimension, deterministic",
                        () -> vectors(true)),
                DynamicTest.dynamicTest(id + ": the same vectors from " + THREADS + " threads at once", this::threads));
    }

    private EmbeddingModel model() throws IOException {
        if (model == null) {
            model = factory().open(request(dir));
        }
        return model;
    }

    private static List<PixelImage> images() {
        return MetricSamples.all().stream().map(MetricSamples.Sample::pixels).toList();
    }

    private float[][] embed(boolean crops, List<PixelImage> images) throws IOException {
        return crops ? model().embedObjects(images) : model().embed(images);
    }

    private void vectors(boolean crops) throws IOException {
        EmbeddingModel m = model();
        String what = factory().id() + (crops ? " on crop " : " on image ");
        int dimension = crops ? m.objectDimension() : m.dimension();
        List<PixelImage> images = images();
        float[][] first = embed(crops, images);
        assertThat(first.length).as(what + ": one vector per input").isEqualTo(images.size());
        for (int i = 0; i < first.length; i++) {
            String where = what + MetricSamples.all().get(i).name();
            assertThat(first[i]).as(where + ": length").hasSize(dimension);
            double sum = 0;
            for (float v : first[i]) {
                assertThat(Float.isFinite(v)).as(where + ": finite values").isTrue();
                sum += (double) v * v;
            }
            if (unitNorm()) {
                assertThat(Math.sqrt(sum)).as(where + ": unit length (promised by unitNorm())").isCloseTo(1.0,
                        org.assertj.core.data.Offset.offset(1e-4));
            }
        }
        assertThat(embed(crops, images)).as(what + "the second time: the same vectors").isDeepEqualTo(first);
    }

    private void threads() throws Exception {
        List<PixelImage> images = images();
        float[][] expected = embed(false, images);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<float[][]>> runs = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                runs.add(pool.submit(() -> embed(false, images)));
            }
            for (Future<float[][]> run : runs) {
                assertThat(run.get()).as(factory().id() + ": vectors computed on several threads at once").isDeepEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
