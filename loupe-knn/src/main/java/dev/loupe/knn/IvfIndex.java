package dev.loupe.knn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Stream;

/**
 * An inverted-file index on disk: the rows split into lists by spherical k-means (cosine), each row
 * kept as int8 codes (one scale per row) next to its raw float32 vector, all memory-mapped. A query
 * scores the codes of the {@code probes} lists whose centres are most similar to it, then re-ranks
 * the best {@code rerank} candidates by the exact dot product of the raw vectors ({@link Vectors#dot}'s
 * order of operations), so that returned similarities equal {@link ExactIndex}'s to the bit. The heap
 * holds the centres and 4 bytes per row (the rows in list order); building streams the rows and
 * holds a sample of them. Safe for concurrent queries.
 *
 * <p>Files in the folder: {@value #HEADER} (what and how it was built, written last),
 * {@value #CENTROIDS}, {@value #LISTS} (list offsets, then rows in list order), {@value #CODES},
 * {@value #SCALES}, {@value #VECTORS} (raw vectors in row order).
 */
public final class IvfIndex implements VectorIndex, AutoCloseable {
    static final String HEADER = "ivf.properties";
    static final String CENTROIDS = "centroids.f32";
    static final String LISTS = "lists.i32";
    static final String CODES = "codes.i8";
    static final String SCALES = "scales.f32";
    static final String VECTORS = "vectors.f32";
    /** Rows per block of codes stored dimension-major: one query scores a block in one pass over its bytes. */
    static final int BLOCK = 128;

    /**
     * How an index is built and searched.
     *
     * @param lists      number of lists (0: {@link #defaultLists})
     * @param probes     lists a query scores (0: {@link #defaultProbes})
     * @param rerank     candidates re-ranked exactly per query (at least 4 × k)
     * @param iterations k-means rounds
     * @param seed       for the k-means sample and start
     */
    public record Params(int lists, int probes, int rerank, int iterations, long seed) {
        public static final Params DEFAULT = new Params(0, 0, 200, 6, 42);

        public Params {
            if (lists < 0 || probes < 0 || rerank < 1 || iterations < 0) {
                throw new IllegalArgumentException("lists and probes must be >= 0, rerank >= 1, iterations >= 0");
            }
        }

        /** sqrt(n) lists (found in two levels, {@link TwoLevelLists}, so the build does not pay n × lists × d). */
        public static int defaultLists(int n) {
            return (int) Math.max(1, Math.min(n, Math.round(Math.sqrt(n))));
        }

        /** Rows a query scores at least (all of a smaller index: it is then exact, and still cheap). */
        public static final int MIN_SCANNED = 4096;

        /** An eighth of the lists, and enough to score about {@link #MIN_SCANNED} of the n rows. */
        public static int defaultProbes(int lists, int n) {
            long forMin = lists == 0 ? 0 : (long) Math.ceil((double) MIN_SCANNED * lists / Math.max(1, n));
            return (int) Math.min(lists, Math.max(forMin, (lists + 7) / 8));
        }
    }

    private final Path folder;
    private final IvfHeader header;
    private final float[] centroids;
    private final int[] offsets;
    private final int[] slotRows;
    private final MappedFile codes;
    private final MappedFile scales;
    private final MappedFile raw;
    private final ThreadLocal<Scratch> scratch;

    private IvfIndex(Path folder, IvfHeader header, float[] centroids, int[] offsets, int[] slotRows,
                     MappedFile codes, MappedFile scales, MappedFile raw) {
        this.folder = folder;
        this.header = header;
        this.centroids = centroids;
        this.offsets = offsets;
        this.slotRows = slotRows;
        this.codes = codes;
        this.scales = scales;
        this.raw = raw;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(header.d()));
    }

    /**
     * Builds an index of the rows a source streams (unit length; {@code powerNormalised} says how
     * they were prepared, for {@link #query}) into {@code folder}, replacing what is there: written to
     * a hidden folder beside it first, then renamed into place, so a killed build leaves the old index
     * or none, never half of one. {@code userData} is kept in the header ({@link #userData}).
     */
    public static void build(RowSource rows, boolean powerNormalised, Path folder, Params params, int threads,
                             Map<String, String> userData) throws IOException {
        Path abs = folder.toAbsolutePath();
        Path partial = abs.resolveSibling("." + abs.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            deleteTree(partial);
            IvfBuilder.build(rows, powerNormalised, partial, params, threads, userData);
            deleteTree(abs);
            Files.move(partial, abs, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteTree(partial);
        }
    }

    /** {@link #build} of vectors on the heap. */
    public static void build(Vectors vectors, Path folder, Params params, int threads, Map<String, String> userData) throws IOException {
        build(sink -> {
            for (int i = 0; i < vectors.size(); i++) {
                sink.accept(vectors.row(i));
            }
        }, vectors.powerNormalised(), folder, params, threads, userData);
    }

    /**
     * Opens an index that {@link #build} wrote, memory-mapped.
     *
     * @throws IOException naming the file when one is missing, truncated, of another format or version
     */
    public static IvfIndex open(Path folder) throws IOException {
        IvfHeader h = IvfHeader.read(folder.resolve(HEADER));
        long n = h.n();
        long d = h.d();
        MappedFile lists = MappedFile.open(folder.resolve(LISTS), 4L * (h.lists() + 1 + n));
        MappedFile cents = MappedFile.open(folder.resolve(CENTROIDS), 4L * h.lists() * d);
        MappedFile codes = MappedFile.open(folder.resolve(CODES), n * d);
        MappedFile scales = MappedFile.open(folder.resolve(SCALES), 4L * n);
        MappedFile raw = MappedFile.open(folder.resolve(VECTORS), 4L * n * d);
        float[] centroids = new float[h.lists() * h.d()];
        cents.floats(0, centroids, 0, centroids.length);
        int[] offsets = new int[h.lists() + 1];
        for (int c = 0; c <= h.lists(); c++) {
            offsets[c] = lists.intAt(c);
            if ((c == 0 && offsets[c] != 0) || (c > 0 && offsets[c] < offsets[c - 1]) || offsets[c] > n) {
                throw new IOException(lists.file() + " is corrupt: list " + c + " starts at " + offsets[c] + " (rebuild the index)");
            }
        }
        if (offsets[h.lists()] != n) {
            throw new IOException(lists.file() + " is corrupt: its lists hold " + offsets[h.lists()] + " rows, the header " + n);
        }
        int[] slotRows = new int[h.n()];
        for (int s = 0; s < n; s++) {
            slotRows[s] = lists.intAt(h.lists() + 1 + s);
            if (slotRows[s] < 0 || slotRows[s] >= n) {
                throw new IOException(lists.file() + " is corrupt: row " + slotRows[s] + " of " + n + " (rebuild the index)");
            }
        }
        return new IvfIndex(folder, h, centroids, offsets, slotRows, codes, scales, raw);
    }

    public int size() {
        return header.n();
    }

    public int dimension() {
        return header.d();
    }

    /** Number of lists. */
    public int lists() {
        return header.lists();
    }

    /** Lists a query scores by default. */
    public int probes() {
        return header.probes();
    }

    @Override
    public Neighbours search(float[] q, int k, IntPredicate exclude) {
        return search(q, k, exclude, header.probes());
    }

    /**
     * As {@link #search(float[], int, IntPredicate)}, scoring {@code probes} lists (more when they hold
     * fewer than k rows that are not excluded).
     */
    public Neighbours search(float[] q, int k, IntPredicate exclude, int probes) {
        int n = header.n();
        if (k <= 0 || n == 0) {
            return new Neighbours(new int[0], new float[0]);
        }
        if (q.length != header.d()) {
            throw new IllegalArgumentException("query has " + q.length + " values, the index " + header.d());
        }
        int want = Math.min(k, n);
        int[] order = nearestLists(q);
        TopK candidates = new TopK(Math.max(header.rerank(), 4 * want));
        Scratch s = scratch.get();
        int probed = 0;
        for (int upTo = Math.min(order.length, Math.max(1, probes)); ; upTo = Math.min(order.length, 2 * upTo)) {
            for (; probed < upTo; probed++) {
                scoreList(order[probed], q, exclude, candidates, s);
            }
            if (candidates.size() >= want || probed == order.length) {
                break;
            }
        }
        return rerank(candidates.drain(), q, want, s);
    }

    /** The lists by similarity of their centre to the query, most similar first. */
    private int[] nearestLists(float[] q) {
        int lists = header.lists();
        int d = header.d();
        TopK top = new TopK(lists);
        for (int c = 0; c < lists; c++) {
            top.offer(c, Vectors.dot(centroids, c * d, q, 0, d));
        }
        return top.drain().rows();
    }

    /** Approximate similarities of one list's rows (their codes against the query), offered as candidates. */
    private void scoreList(int list, float[] q, IntPredicate exclude, TopK candidates, Scratch s) {
        int d = header.d();
        for (int from = offsets[list]; from < offsets[list + 1]; from += BLOCK) {
            int width = Math.min(BLOCK, offsets[list + 1] - from);
            codes.bytes((long) from * d, s.codes, 0, width * d);
            scales.floats(from, s.scales, 0, width);
            float[] acc = s.acc;
            java.util.Arrays.fill(acc, 0, width, 0f);
            byte[] c = s.codes;
            for (int k = 0, at = 0; k < d; k++, at += width) {
                float x = q[k];
                for (int j = 0; j < width; j++) {
                    acc[j] += c[at + j] * x;
                }
            }
            for (int j = 0; j < width; j++) {
                float approx = acc[j] * s.scales[j];
                if (approx >= candidates.threshold()) {
                    int row = slotRows[from + j];
                    if (exclude == null || !exclude.test(row)) {
                        candidates.offer(row, approx);
                    }
                }
            }
        }
    }

    /** The k best candidates by the exact dot product of their raw vectors (read in row order). */
    private Neighbours rerank(Neighbours candidates, float[] q, int k, Scratch s) {
        int[] rows = candidates.rows().clone();
        java.util.Arrays.sort(rows);
        int d = header.d();
        TopK best = new TopK(k);
        for (int row : rows) {
            raw.floats((long) row * d, s.vector, 0, d);
            best.offer(row, Vectors.dot(s.vector, 0, q, 0, d));
        }
        return best.drain();
    }

    /** One thread's buffers for a query. */
    private static final class Scratch {
        final byte[] codes;
        final float[] scales = new float[BLOCK];
        final float[] acc = new float[BLOCK];
        final float[] vector;

        Scratch(int d) {
            codes = new byte[BLOCK * d];
            vector = new float[d];
        }
    }

    /** The stored unit vector of a row. */
    @Override
    public float[] vector(int row) {
        float[] v = new float[header.d()];
        raw.floats((long) row * header.d(), v, 0, header.d());
        return v;
    }

    /** The stored vectors copied to the heap (n × d × 4 bytes, which searching does not need; a stored item's query is {@link #vector}). */
    @Override
    public Vectors vectors() {
        int n = header.n();
        int d = header.d();
        float[] data = new float[Math.multiplyExact(n, d)];
        raw.floats(0, data, 0, data.length);
        return Vectors.of(data, n, d, header.powerNormalised());
    }

    @Override
    public float[] query(float[] raw) {
        return Vectors.prepare(raw, header.d(), header.powerNormalised());
    }

    /** What {@link #build} was given to keep with the index (e.g. which vectors it holds). */
    public Map<String, String> userData() {
        return header.userData();
    }

    /** Whether the indexed vectors were square-rooted before normalising ({@link Vectors#forSimilarity}). */
    public boolean powerNormalised() {
        return header.powerNormalised();
    }

    /** Heap held beyond the mapped files: the centres, list offsets and the rows in list order. */
    @Override
    public long extraBytes() {
        return 4L * centroids.length + 4L * offsets.length + 4L * slotRows.length;
    }

    /** The mappings go with the garbage collector (Java 17 cannot unmap safely), so closing only forgets them. */
    @Override
    public void close() {
        // nothing held but mappings
    }

    @Override
    public String toString() {
        return "IvfIndex[" + folder + ", " + header.n() + " x " + header.d() + ", " + header.lists() + " lists]";
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
