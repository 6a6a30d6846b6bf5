package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.HnswIndex;
import dev.loupe.knn.LuceneIndex;
import dev.loupe.knn.Neighbours;
import dev.loupe.knn.Vectors;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.FallbackEmbedding;
import dev.loupe.embed.model.NsfwjsMobileNet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Embedding speed on real images (built-in MobileNetV2 on 1 worker and on all cores, against the
 * model-free fallback as baseline), the model's start-up cost, and the k-NN indexes (IVF, own HNSW,
 * Lucene HNSW) at several sizes of synthetic clustered vectors: build time, latency, recall@10 against
 * exact search, heap and disk ({@link KnnSection}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embeddings/s (1 worker and all cores), model start-up, k-NN build/latency/recall/memory (IVF, HNSW, Lucene) on synthetic vectors.")
final class EmbedBench implements Callable<Integer> {
    @Option(names = "--images", paramLabel = "DIR", description = "folder of JPEG images (default: the voc100 sample)")
    Path images;

    @Option(names = "--count", defaultValue = "48", paramLabel = "N", description = "images embedded per measurement (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--vectors", split = ",", defaultValue = "10000,1000000", paramLabel = "N",
            description = "synthetic index sizes (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--dim", defaultValue = "64", paramLabel = "D", description = "synthetic vector length (default: ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--queries", defaultValue = "200", paramLabel = "Q", description = "queries per measurement (default: ${DEFAULT-VALUE})")
    int queries;

    @Option(names = "--ef-construction", defaultValue = "64", paramLabel = "EF",
            description = "HNSW build beam (default: ${DEFAULT-VALUE}; Loupe's index uses 200 up to its own sizes)")
    int efConstruction;

    @Option(names = "--knn-only", description = "skip the model measurements (k-NN only)")
    boolean knnOnly;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "where the vectors and indexes are written (default: a temporary folder, removed after)")
    Path indexDir;

    static final Set<String> KNN_INDEXES = Set.of("ivf", "hnsw", "lucene");

    @Option(names = "--indexes", split = ",", defaultValue = "ivf,hnsw,lucene", paramLabel = "NAME",
            description = "k-NN indexes to build and measure: ivf, hnsw (own, on the heap), lucene (default: ${DEFAULT-VALUE}; "
                    + "the HNSW builds take hours at 10^6 vectors)")
    List<String> indexes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        if (knnOnly) {
            knnSection(out, cores);
            return 0;
        }
        Path dir = images != null ? images : Path.of(System.getProperty("loupe.home", "."), "..", "shared", "data", "voc100", "images");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().limit(count).toList();
        }
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no .jpg images in " + dir);
        }
        out.printf("Embedding benchmark: %d images from %s, %d cores, Java %s%n", files.size(), dir, cores, System.getProperty("java.version"));
        startup(out);
        List<PixelImage> decoded = new ArrayList<>();
        for (Path f : files) {
            decoded.add(ImageDecoder.decode(f));
        }
        try (EmbeddingModel mobilenet = NsfwjsMobileNet.load(null, 1)) {
            EmbeddingModel fallback = new FallbackEmbedding();
            rate(fallback, decoded, 1);
            double base = rate(fallback, decoded, 1);
            rate(mobilenet, decoded, 1);
            double one = rate(mobilenet, decoded, 1);
            double all = rate(mobilenet, decoded, cores);
            out.printf("%-48s %9.1f images/s   (baseline)%n", "fallback (histogram + DCT), 1 worker", base);
            out.printf("%-48s %9.1f images/s   (%.1f ms/image, %.3fx the fallback)%n", "mobilenet_v2 224x224, 1 worker", one, 1000 / one, one / base);
            out.printf("%-48s %9.1f images/s   (%.2fx 1 worker)%n", "mobilenet_v2 224x224, " + cores + " workers", all, all / one);
        }
        knnSection(out, cores);
        return 0;
    }

    private void knnSection(PrintWriter out, int cores) throws IOException {
        Set<String> chosen = new java.util.TreeSet<>(indexes);
        if (!KNN_INDEXES.containsAll(chosen)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--indexes: unknown " + chosen + "; known: " + KNN_INDEXES);
        }
        new KnnSection(new KnnSection.Options(sizes, dim, queries, efConstruction, chosen, indexDir), out, cores).run();
    }

    private static void startup(PrintWriter out) {
        long t0 = System.nanoTime();
        byte[] onnx = NsfwjsMobileNet.convert(resource("model.min.js"), resource("group1-shard1of1.min.js"));
        long t1 = System.nanoTime();
        try (EmbeddingModel m = new dev.loupe.embed.model.OnnxEmbeddingModel(onnx, NsfwjsMobileNet.NAME, "", 
                dev.loupe.embed.model.Preprocessing.unit(NsfwjsMobileNet.SIZE), 1)) {
            long t2 = System.nanoTime();
            out.printf("model start-up: convert TF.js -> ONNX %.0f ms (once, then cached; ONNX %.1f MB), ONNX Runtime session %.0f ms%n",
                    (t1 - t0) / 1e6, onnx.length / 1e6, (t2 - t1) / 1e6);
        }
        Path jar = jarOf(ai.onnxruntime.OrtEnvironment.class);
        if (jar != null) {
            out.printf("onnxruntime jar: %s, %.1f MB%n", jar.getFileName(), jar.toFile().length() / 1e6);
        }
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] resource(String name) {
        try (var in = NsfwjsMobileNet.class.getResourceAsStream("/dev/loupe/embed/nsfwjs/" + name)) {
            return in.readAllBytes();
        } catch (Exception e) {
            throw new IllegalStateException("model resource " + name + " missing", e);
        }
    }

    /** Images per second with {@code workers} threads each embedding batches of 8 images. */
    private static double rate(EmbeddingModel model, List<PixelImage> images, int workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> jobs = new ArrayList<>();
            for (int from = 0; from < images.size(); from += 8) {
                List<PixelImage> batch = images.subList(from, Math.min(images.size(), from + 8));
                jobs.add(pool.submit(() -> model.embed(batch)));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
            return images.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    static double percentile(long[] ns, double p) {
        long[] s = ns.clone();
        java.util.Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] / 1e6;
    }
}
