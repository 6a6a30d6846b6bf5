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
 * model-free fallback as baseline), the model's start-up cost, and k-NN query latency of exact
 * search and HNSW at several sizes of synthetic clustered vectors, with HNSW recall@10 and memory.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embeddings/s (1 worker and all cores), model start-up, kNN latency/recall/memory (exact and HNSW) on synthetic vectors.")
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

    @Option(names = "--index-dir", paramLabel = "DIR", description = "where the Lucene index is built (default: a temporary folder, removed after)")
    Path indexDir;

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
        out.printf("%nk-NN on synthetic clustered %d-d vectors, %d queries, k = 10, %d threads, max heap %.0f MB, Java %s%n"
                + "  own HNSW: m = %d, efConstruction = %d, efSearch = %d, float32 on the heap%n"
                + "  Lucene %s HNSW: m = 16, beam 200, int7 scalar quantised, memory-mapped; %d+ candidates re-ranked exactly%n",
                dim, queries, cores, Runtime.getRuntime().maxMemory() / 1e6, System.getProperty("java.version"),
                HnswIndex.Params.DEFAULT.m(), efConstruction, HnswIndex.Params.DEFAULT.efSearch(),
                org.apache.lucene.util.Version.LATEST, 128);
        for (int n : sizes) {
            knn(out, n, cores);
        }
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

    private void knn(PrintWriter out, int n, int cores) throws IOException {
        Runtime rt = Runtime.getRuntime();
        Vectors v = Vectors.normalised(clustered(n, dim, Math.max(10, n / 100), 17));
        ExactIndex exact = new ExactIndex(v);
        SplittableRandom r = new SplittableRandom(99);
        float[][] q = new float[queries][];
        for (int i = 0; i < queries; i++) {
            float[] base = v.row(r.nextInt(n));
            for (int k = 0; k < dim; k++) {
                base[k] += 0.05f * (float) r.nextGaussian();
            }
            q[i] = Vectors.unit(base);
        }
        List<Set<Integer>> truth = new ArrayList<>();
        long[] exactNs = new long[queries];
        for (int i = 0; i < queries; i++) {
            long t = System.nanoTime();
            Set<Integer> s = new HashSet<>();
            for (int row : exact.search(q[i], 10, null).rows()) {
                s.add(row);
            }
            exactNs[i] = System.nanoTime() - t;
            truth.add(s);
        }
        long heap0 = usedHeap(rt);
        long t1 = System.nanoTime();
        HnswIndex.Params p = new HnswIndex.Params(HnswIndex.Params.DEFAULT.m(), efConstruction, HnswIndex.Params.DEFAULT.efSearch(), 42);
        HnswIndex hnsw = HnswIndex.build(v, p, cores);
        double ownBuild = (System.nanoTime() - t1) / 1e9;
        long ownHeap = usedHeap(rt) - heap0;
        Measured own = measure(hnsw, q, truth);
        hnsw = null;
        out.printf("  n = %,d  exact: p50 %.3f ms, p95 %.3f ms%n", n, percentile(exactNs, 0.5), percentile(exactNs, 0.95));
        out.printf("    own HNSW    build %7.1f s  p50 %7.3f ms  p95 %7.3f ms  recall@10 %.3f  heap +%.1f MB (links; vectors %.1f MB on the heap too), disk -%n",
                ownBuild, own.p50(), own.p95(), own.recall(), ownHeap / 1e6, v.bytes() / 1e6);
        out.flush();
        Path dir = indexDir != null ? indexDir.resolve("n" + n + "-d" + dim) : Files.createTempDirectory("loupe-knn-bench");
        try {
            long t2 = System.nanoTime();
            LuceneIndex.build(v, dir, cores, java.util.Map.of());
            double luceneBuild = (System.nanoTime() - t2) / 1e9;
            long disk = LuceneIndex.diskBytes(dir);
            long heap1 = usedHeap(rt);
            long t3 = System.nanoTime();
            try (LuceneIndex lucene = LuceneIndex.open(dir)) {
                double openMs = (System.nanoTime() - t3) / 1e6;
                long luceneHeap = usedHeap(rt) - heap1;
                Measured l = measure(lucene, q, truth);
                out.printf("    Lucene HNSW build %7.1f s  p50 %7.3f ms  p95 %7.3f ms  recall@10 %.3f  heap +%.1f MB (open index), disk %.1f MB%n",
                        luceneBuild, l.p50(), l.p95(), l.recall(), luceneHeap / 1e6, disk / 1e6);
                out.printf("    Lucene / own: build %.2fx, p50 %.2fx, p95 %.2fx, recall %+.3f; heap %.1f MB vs %.1f MB; opening the built index %.0f ms%n",
                        luceneBuild / ownBuild, l.p50() / own.p50(), l.p95() / own.p95(), l.recall() - own.recall(),
                        luceneHeap / 1e6, (ownHeap + v.bytes()) / 1e6, openMs);
            }
        } finally {
            if (indexDir == null) {
                deleteTree(dir);
            }
        }
        out.flush();
    }

    /** Latency percentiles (ms) and recall@10 of an index over the queries. */
    private record Measured(double p50, double p95, double recall) {
    }

    private static Measured measure(dev.loupe.knn.VectorIndex index, float[][] q, List<Set<Integer>> truth) {
        for (int i = 0; i < Math.min(20, q.length); i++) {
            index.search(q[i], 10, null);
        }
        long[] ns = new long[q.length];
        double hits = 0;
        for (int i = 0; i < q.length; i++) {
            long t = System.nanoTime();
            Neighbours nn = index.search(q[i], 10, null);
            ns[i] = System.nanoTime() - t;
            for (int row : nn.rows()) {
                hits += truth.get(i).contains(row) ? 1 : 0;
            }
        }
        return new Measured(percentile(ns, 0.5), percentile(ns, 0.95), hits / (10.0 * q.length));
    }

    static double percentile(long[] ns, double p) {
        long[] s = ns.clone();
        java.util.Arrays.sort(s);
        return s[(int) Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] / 1e6;
    }

    private static long usedHeap(Runtime rt) {
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** Gaussian clusters around random centres (unit-variance centres, noise 0.7). */
    static float[][] clustered(int n, int d, int clusters, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] centres = new float[clusters][d];
        for (float[] c : centres) {
            for (int k = 0; k < d; k++) {
                c[k] = (float) r.nextGaussian();
            }
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centres[r.nextInt(clusters)];
            float[] x = new float[d];
            for (int k = 0; k < d; k++) {
                x[k] = c[k] + 0.7f * (float) r.nextGaussian();
            }
            out[i] = x;
        }
        return out;
    }
}
