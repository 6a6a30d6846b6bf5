package dev.loupe.knn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes the files of an {@link IvfIndex} into an empty folder: the rows as they stream past (the
 * raw vectors, for the exact re-rank), then two-level spherical k-means on a random sample of them
 * ({@link TwoLevelLists}), then one pass that assigns every row to a list, then the int8 codes list by
 * list. The heap holds the centres and 8 bytes per row (the sample is read from the mapped file), never
 * all vectors.
 */
final class IvfBuilder {
    /** Sample rows per list for k-means (Faiss warns below 39). */
    static final int SAMPLE_PER_LIST = 64;
    static final int MIN_SAMPLE = 1 << 17;

    private IvfBuilder() {
    }

    static void build(RowSource rows, boolean root, Path dir, IvfIndex.Params params, int threads, Map<String, String> userData)
            throws IOException {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        int[] shape = writeVectors(rows, dir.resolve(IvfIndex.VECTORS));
        log("copy", t0);
        int n = shape[0];
        int d = shape[1];
        int lists = n == 0 ? 0 : Math.min(n, params.lists() > 0 ? params.lists() : IvfIndex.Params.defaultLists(n));
        
        float[] centres = new float[0];
        int[] offsets = new int[lists + 1];
        int[] slotRows = new int[n];
        if (n > 0) {
            MappedFile vectors = MappedFile.open(dir.resolve(IvfIndex.VECTORS), 4L * n * d);
            long t1 = System.nanoTime();
            TwoLevelLists trained = train(vectors, n, d, lists, params, threads);
            log("train", t1);
            t1 = System.nanoTime();
            lists = trained.lists;
            int[] assigned = assign(vectors, n, d, trained, threads);
            centres = trained.centres;
            log("assign", t1);
            t1 = System.nanoTime();
            offsets = new int[lists + 1];
            for (int a : assigned) {
                offsets[a + 1]++;
            }
            for (int c = 0; c < lists; c++) {
                offsets[c + 1] += offsets[c];
            }
            int[] next = offsets.clone();
            for (int row = 0; row < n; row++) {
                slotRows[next[assigned[row]]++] = row;
            }
            writeCodes(vectors, d, offsets, slotRows, dir, threads);
            log("codes", t1);
        } else {
            Files.write(dir.resolve(IvfIndex.CODES), new byte[0]);
            Files.write(dir.resolve(IvfIndex.SCALES), new byte[0]);
        }
        writeFloats(dir.resolve(IvfIndex.CENTROIDS), centres);
        writeInts(dir.resolve(IvfIndex.LISTS), offsets, slotRows);
        int probes = Math.min(lists, params.probes() > 0 ? params.probes() : IvfIndex.Params.defaultProbes(lists, n));
        IvfHeader h = new IvfHeader(n, d, lists, probes, params.rerank(), root, userData);
        h.write(dir.resolve(IvfIndex.HEADER));
    }

    private static void log(String phase, long t0) {
        if (Boolean.getBoolean("loupe.ivf.log")) {
            System.err.printf("ivf %s %.1f s%n", phase, (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Streams the rows into {@code file} (little-endian floats); returns {n, d}. */
    private static int[] writeVectors(RowSource rows, Path file) throws IOException {
        int[] shape = {0, -1};
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            rows.forEach(v -> {
                if (shape[1] < 0) {
                    shape[1] = v.length;
                } else if (v.length != shape[1]) {
                    throw new IllegalArgumentException("row " + shape[0] + " has " + v.length + " values, row 0 " + shape[1]);
                }
                if (b.remaining() < 4 * v.length) {
                    flush(ch, b);
                }
                if (b.remaining() < 4 * v.length) {
                    ByteBuffer one = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    one.asFloatBuffer().put(v);
                    flush(ch, one.position(one.capacity()));
                } else {
                    b.asFloatBuffer().put(v); // a view at the buffer's position: one bulk copy, not a call per value
                    b.position(b.position() + 4 * v.length);
                }
                shape[0]++;
            });
            flush(ch, b);
        }
        shape[1] = Math.max(0, shape[1]);
        return shape;
    }

    private static void flush(FileChannel ch, ByteBuffer b) {
        try {
            b.flip();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            b.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** List centres of a random sample of the rows ({@link #sampleSize}), in two levels. */
    private static TwoLevelLists train(MappedFile vectors, int n, int d, int lists, IvfIndex.Params params, int threads) {
        int size = sampleSize(n, lists);
        int[] rows = size == n ? java.util.stream.IntStream.range(0, n).toArray()
                : new java.util.SplittableRandom(params.seed()).ints(0, n).distinct().limit(size).sorted().toArray();
        // shuffled, so that the first rows (the starting centres) are a random choice
        java.util.SplittableRandom r = new java.util.SplittableRandom(params.seed() + 1);
        for (int i = rows.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return TwoLevelLists.train((id, dst) -> vectors.floats((long) id * d, dst, 0, d), rows, d, lists, params.iterations(), threads,
                params.seed());
    }

    /**
     * Rows k-means learns from: {@link #SAMPLE_PER_LIST} per list, at least {@link #MIN_SAMPLE} (read from the
     * mapped file, not kept on the heap): a cluster of the data with few sample rows has no centre of
     * its own, and its rows scatter over many lists.
     */
    static int sampleSize(int n, int lists) {
        return (int) Math.min(n, Math.max(MIN_SAMPLE, (long) lists * SAMPLE_PER_LIST));
    }

    /**
     * The list of every row, two rows at a time per worker; the list centres become the unit means
     * of all their rows (not only the sample's), which is what queries are compared with.
     */
    private static int[] assign(MappedFile vectors, int n, int d, TwoLevelLists centres, int threads) {
        int[] out = new int[n];
        int workers = Math.max(1, threads);
        float[][] sums = new float[workers][];
        TwoLevelLists.Scratch[] scratches = new TwoLevelLists.Scratch[workers];
        Workers.forChunks(n, 1024, workers, (w, from, to) -> {
            if (sums[w] == null) {
                sums[w] = new float[centres.lists * d];
            }
            float[] sum = sums[w];
            float[][] chunk = new float[to - from][d];
            int[] lists = new int[to - from];
            for (int i = from; i < to; i++) {
                vectors.floats((long) i * d, chunk[i - from], 0, d);
            }
            centres.assign(chunk, to - from, scratch(w, centres, scratches), lists);
            for (int i = from; i < to; i++) {
                out[i] = lists[i - from];
                add(sum, lists[i - from] * d, chunk[i - from]);
            }
        });
        for (int c = 0; c < centres.lists; c++) {
            float[] mean = new float[d];
            for (float[] sum : sums) {
                if (sum != null) {
                    for (int k = 0; k < d; k++) {
                        mean[k] += sum[c * d + k];
                    }
                }
            }
            float[] unit = Vectors.unit(mean);
            if (unit.length > 0 && !allZero(unit)) {
                System.arraycopy(unit, 0, centres.centres, c * d, d);
            }
        }
        return out;
    }

    private static TwoLevelLists.Scratch scratch(int worker, TwoLevelLists centres, TwoLevelLists.Scratch[] scratches) {
        if (scratches[worker] == null) {
            scratches[worker] = centres.new Scratch();
        }
        return scratches[worker];
    }

    private static void add(float[] sum, int at, float[] v) {
        for (int k = 0; k < v.length; k++) {
            sum[at + k] += v[k];
        }
    }

    private static boolean allZero(float[] v) {
        for (float x : v) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The int8 codes of every row in list order, in blocks of {@link IvfIndex#BLOCK} rows stored
     * dimension-major (value k of the block's rows together), and each row's scale: value x is
     * round(127 x / max|x|) of its row (a zero row: codes 0, scale 0).
     */
    private static void writeCodes(MappedFile vectors, int d, int[] offsets, int[] slotRows, Path dir, int threads) throws IOException {
        int lists = offsets.length - 1;
        try (FileChannel codes = FileChannel.open(dir.resolve(IvfIndex.CODES), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
             FileChannel scales = FileChannel.open(dir.resolve(IvfIndex.SCALES), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            Workers.forChunks(lists, 1, threads, (w, from, to) -> {
                float[] v = new float[d];
                ByteBuffer block = ByteBuffer.allocate(IvfIndex.BLOCK * d);
                ByteBuffer scale = ByteBuffer.allocate(IvfIndex.BLOCK * 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int c = from; c < to; c++) {
                    for (int s = offsets[c]; s < offsets[c + 1]; s += IvfIndex.BLOCK) {
                        int width = Math.min(IvfIndex.BLOCK, offsets[c + 1] - s);
                        block.clear();
                        scale.clear();
                        byte[] bytes = block.array();
                        for (int j = 0; j < width; j++) {
                            vectors.floats((long) slotRows[s + j] * d, v, 0, d);
                            float max = 0;
                            for (float x : v) {
                                max = Math.max(max, Math.abs(x));
                            }
                            float inv = max > 0 ? 127f / max : 0f;
                            for (int k = 0; k < d; k++) {
                                bytes[k * width + j] = (byte) Math.round(v[k] * inv);
                            }
                            scale.putFloat(max / 127f);
                        }
                        block.limit(width * d);
                        scale.flip();
                        writeAt(codes, block, (long) s * d);
                        writeAt(scales, scale, 4L * s);
                    }
                }
            });
        }
    }

    private static void writeAt(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }

    private static void writeInts(Path file, int[] first, int[] second) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * (first.length + second.length)).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(first).put(second);
        Files.write(file, b.array());
    }
}
