package dev.loupe.bench;

import dev.loupe.knn.BatchExactSearch;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.HnswIndex;
import dev.loupe.knn.IvfIndex;
import dev.loupe.knn.LuceneIndex;
import dev.loupe.knn.Neighbours;
import dev.loupe.knn.RowSource;
import dev.loupe.knn.VectorIndex;
import dev.loupe.knn.Vectors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code loupe bench embed --knn-only}: build time, query latency, recall@10 against exact search,
 * heap and disk of the k-NN indexes on synthetic clustered vectors. The vectors are generated
 * straight into a flat file (so 10^6 × 1280-d does not need 5 GB of heap), the ground truth streams
 * that file past all queries at once, and the IVF build streams it too; the own HNSW and Lucene,
 * which need the vectors on the heap, are built only when asked ({@code --indexes}).
 */
final class KnnSection {
    /** What to measure. */
    record Options(List<Integer> sizes, int dim, int queries, int efConstruction, Set<String> indexes, Path indexDir) {
    }

    private final Options o;
    private final PrintWriter out;
    private final int cores;

    KnnSection(Options o, PrintWriter out, int cores) {
        this.o = o;
        this.out = out;
        this.cores = cores;
    }

    void run() throws IOException {
        out.printf("%nk-NN on synthetic clustered %d-d vectors (n/100 Gaussian clusters, noise 0.7), %d queries, k = 10, %d threads,"
                + " max heap %.0f MB, Java %s; indexes: %s%n"
                + "  IVF: about sqrt(n) lists (two-level spherical k-means), int8 codes, %d candidates re-ranked exactly, memory-mapped%n"
                + "  own HNSW: m = %d, efConstruction = %d, efSearch = %d, float32 on the heap%n"
                + "  Lucene %s HNSW: m = 16, beam 200, int7 scalar quantised, memory-mapped; 128+ candidates re-ranked exactly%n",
                o.dim(), o.queries(), cores, Runtime.getRuntime().maxMemory() / 1e6, System.getProperty("java.version"), o.indexes(),
                IvfIndex.Params.DEFAULT.rerank(), HnswIndex.Params.DEFAULT.m(), o.efConstruction(), HnswIndex.Params.DEFAULT.efSearch(),
                org.apache.lucene.util.Version.LATEST);
        for (int n : o.sizes()) {
            Path work = o.indexDir() != null ? Files.createDirectories(o.indexDir().resolve("n" + n + "-d" + o.dim()))
                    : Files.createTempDirectory("loupe-knn-bench");
            try {
                knn(n, work);
            } finally {
                if (o.indexDir() == null) {
                    deleteTree(work);
                }
            }
        }
    }

    private void knn(int n, Path work) throws IOException {
        int d = o.dim();
        Path flat = work.resolve("vectors.f32");
        long t0 = System.nanoTime();
        if (!(o.indexDir() != null && Files.isRegularFile(flat) && Files.size(flat) == 4L * n * d)) {
            generate(flat, n, d, Math.max(10, n / 100), 17); // else kept from an earlier run in --index-dir
        }
        double genS = (System.nanoTime() - t0) / 1e9;
        float[][] q = queries(flat, n, d);
        long t1 = System.nanoTime();
        BatchExactSearch batch = new BatchExactSearch(q, 10);
        rows(flat, n, d).forEach(batch);
        List<Set<Integer>> truth = new ArrayList<>();
        for (Neighbours nn : batch.result()) {
            Set<Integer> s = new HashSet<>();
            for (int row : nn.rows()) {
                s.add(row);
            }
            truth.add(s);
        }
        out.printf("  n = %,d: vectors generated into a flat file in %.1f s; exact top-10 of all %d queries in one pass over it: %.1f s"
                + " (%.1f ms per query)%n", n, genS, q.length, (System.nanoTime() - t1) / 1e9, (System.nanoTime() - t1) / 1e6 / q.length);
        out.flush();
        Runtime rt = Runtime.getRuntime();
        Measured ivf = null;
        if (o.indexes().contains("ivf")) {
            Path dir = work.resolve("ivf");
            long t2 = System.nanoTime();
            long cpu0 = cpuNanos();
            IvfIndex.build(rows(flat, n, d), false, dir, IvfIndex.Params.DEFAULT, cores, java.util.Map.of());
            double build = (System.nanoTime() - t2) / 1e9;
            double cpu = (cpuNanos() - cpu0) / 1e9;
            long heap0 = usedHeap(rt);
            try (IvfIndex index = IvfIndex.open(dir)) {
                long heap = usedHeap(rt) - heap0;
                ivf = measure(index, q, truth, build);
                out.printf("    IVF         build %7.1f s  p50 %7.3f ms  p95 %7.3f ms  recall@10 %.3f  heap +%.1f MB (open index), disk %.1f MB"
                        + " (%d lists, %d probed)%n", build, ivf.p50(), ivf.p95(), ivf.recall(), heap / 1e6,
                        ScaleBench.diskBytes(dir) / 1e6, index.lists(), index.probes());
                out.printf("      build CPU time %.1f s (this process, all threads): %.1f s of wall time on %d cores left to it%n",
                        cpu, cpu / cores, cores);
                for (int probes : new int[] {index.probes() / 2, index.probes() * 2}) {
                    if (probes >= 1 && probes <= index.lists()) {
                        Measured m = measure(qq -> index.search(qq, 10, null, probes), q, truth, build);
                        out.printf("      probing %4d lists:   p50 %7.3f ms  p95 %7.3f ms  recall@10 %.3f%n", probes, m.p50(), m.p95(), m.recall());
                    }
                }
            }
            deleteTree(dir);
            out.flush();
        }
        if (!o.indexes().contains("hnsw") && !o.indexes().contains("lucene")) {
            return;
        }
        Vectors v = Vectors.normalised(load(flat, n, d));
        Measured own = null;
        if (o.indexes().contains("hnsw")) {
            long heap0 = usedHeap(rt);
            long t3 = System.nanoTime();
            HnswIndex.Params p = new HnswIndex.Params(HnswIndex.Params.DEFAULT.m(), o.efConstruction(), HnswIndex.Params.DEFAULT.efSearch(), 42);
            HnswIndex hnsw = HnswIndex.build(v, p, cores);
            double build = (System.nanoTime() - t3) / 1e9;
            long heap = usedHeap(rt) - heap0;
            own = measure(hnsw, q, truth, build);
            out.printf("    own HNSW    build %7.1f s  p50 %7.3f ms  p95 %7.3f ms  recall@10 %.3f  heap +%.1f MB (links; vectors %.1f MB on the heap too), disk -%n",
                    build, own.p50(), own.p95(), own.recall(), heap / 1e6, v.bytes() / 1e6);
            out.flush();
        }
        if (o.indexes().contains("lucene")) {
            Path dir = work.resolve("lucene");
            long t4 = System.nanoTime();
            LuceneIndex.build(v, dir, cores, java.util.Map.of());
            double build = (System.nanoTime() - t4) / 1e9;
            long heap0 = usedHeap(rt);
            try (LuceneIndex lucene = LuceneIndex.open(dir)) {
                long heap = usedHeap(rt) - heap0;
                Measured l = measure(lucene, q, truth, build);
                out.printf("    Lucene HNSW build %7.1f s  p50 %7.3f ms  p95 %7.3f ms  recall@10 %.3f  heap +%.1f MB (open index), disk %.1f MB%n",
                        build, l.p50(), l.p95(), l.recall(), heap / 1e6, ScaleBench.diskBytes(dir) / 1e6);
                if (own != null) {
                    out.printf("    Lucene / own HNSW build %.2fx%n", l.build() / own.build());
                }
                if (ivf != null) {
                    out.printf("    IVF / Lucene build %.3fx (%.1fx faster), p50 %.2fx, recall %+.3f%n", ivf.build() / l.build(),
                            l.build() / ivf.build(), ivf.p50() / l.p50(), ivf.recall() - l.recall());
                }
            }
        }
        if (ivf != null && own != null) {
            out.printf("    IVF / own HNSW build %.3fx (%.1fx faster), p50 %.2fx, recall %+.3f%n", ivf.build() / own.build(),
                    own.build() / ivf.build(), ivf.p50() / own.p50(), ivf.recall() - own.recall());
        }
        out.flush();
    }

    /** Latency percentiles (ms) and recall@10 of an index over the queries. */
    private record Measured(double build, double p50, double p95, double recall) {
    }

    private interface Search {
        Neighbours top10(float[] q);
    }

    private static Measured measure(VectorIndex index, float[][] q, List<Set<Integer>> truth, double build) {
        return measure(qq -> index.search(qq, 10, null), q, truth, build);
    }

    private static Measured measure(Search index, float[][] q, List<Set<Integer>> truth, double build) {
        for (int i = 0; i < Math.min(20, q.length); i++) {
            index.top10(q[i]);
        }
        long[] ns = new long[q.length];
        double hits = 0;
        for (int i = 0; i < q.length; i++) {
            long t = System.nanoTime();
            Neighbours nn = index.top10(q[i]);
            ns[i] = System.nanoTime() - t;
            for (int row : nn.rows()) {
                hits += truth.get(i).contains(row) ? 1 : 0;
            }
        }
        return new Measured(build, EmbedBench.percentile(ns, 0.5), EmbedBench.percentile(ns, 0.95), hits / (10.0 * q.length));
    }

    /**
     * Unit vectors around {@code clusters} Gaussian centres (unit variance, noise 0.7), written
     * row after row into {@code file} (little-endian floats) on all cores: each block of rows has its
     * own seed, so the file is the same whatever the thread count.
     */
    private void generate(Path file, int n, int d, int clusters, long seed) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        float[] centres = new float[clusters * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) r.nextGaussian();
        }
        int block = 4096;
        int blocks = (n + block - 1) / block;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failed = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < cores; t++) {
                Thread th = new Thread(() -> {
                    ByteBuffer buf = ByteBuffer.allocate(block * d * 4).order(ByteOrder.LITTLE_ENDIAN);
                    float[] x = new float[d];
                    try {
                        for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                            SplittableRandom br = new SplittableRandom(seed * 1_000_003L + b);
                            buf.clear();
                            for (int i = b * block; i < Math.min(n, (b + 1) * block); i++) {
                                int c = br.nextInt(clusters);
                                for (int k = 0; k < d; k++) {
                                    x[k] = centres[c * d + k] + 0.7f * (float) br.nextGaussian();
                                }
                                for (float f : Vectors.unit(x)) {
                                    buf.putFloat(f);
                                }
                            }
                            buf.flip();
                            long pos = (long) b * block * d * 4;
                            while (buf.hasRemaining()) {
                                pos += ch.write(buf, pos);
                            }
                        }
                    } catch (Throwable e) {
                        failed.add(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (!failed.isEmpty()) {
                throw new IOException("generating " + file + " failed", failed.get(0));
            }
        }
    }

    /** Queries: random rows of the file plus noise 0.05, unit length. */
    private float[][] queries(Path file, int n, int d) throws IOException {
        SplittableRandom r = new SplittableRandom(99);
        float[][] q = new float[o.queries()][];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(4 * d).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < q.length; i++) {
                b.clear();
                ch.read(b, 4L * d * r.nextInt(n));
                b.flip();
                float[] x = new float[d];
                for (int k = 0; k < d; k++) {
                    x[k] = b.getFloat() + 0.05f * (float) r.nextGaussian();
                }
                q[i] = Vectors.unit(x);
            }
        }
        return q;
    }

    /** The file's rows, streamed in order. */
    private static RowSource rows(Path file, int n, int d) {
        return sink -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer b = ByteBuffer.allocate(Math.max(4 * d, (1 << 22) / (4 * d) * 4 * d)).order(ByteOrder.LITTLE_ENDIAN);
                for (int row = 0; row < n; ) {
                    b.clear();
                    long at = 4L * d * row;
                    int want = (int) Math.min(b.capacity(), 4L * d * (n - row));
                    b.limit(want);
                    while (b.hasRemaining()) {
                        if (ch.read(b, at + b.position()) < 0) {
                            throw new IOException(file + " ends at row " + row);
                        }
                    }
                    b.flip();
                    java.nio.FloatBuffer f = b.asFloatBuffer();
                    while (f.remaining() >= d) {
                        float[] v = new float[d];
                        f.get(v);
                        sink.accept(v);
                        row++;
                    }
                }
            }
        };
    }

    private static float[][] load(Path file, int n, int d) throws IOException {
        float[][] rows = new float[n][];
        int[] i = {0};
        rows(file, n, d).forEach(v -> rows[i[0]++] = v);
        return rows;
    }

    /** CPU time of this process, all threads (ns), so that a build on a machine shared with others can be judged. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap(Runtime rt) {
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
