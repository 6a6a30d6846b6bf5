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
 * raw vectors, for the exact re-rank), then spherical k-means on a random sample of them, then one
 * pass that assigns every row to its nearest centre, then the int8 codes list by list. The heap holds
 * the sample, the centres and 8 bytes per row, never all vectors.
 */
final class IvfBuilder {
    /** Sample rows per list for k-means (Faiss warns below 39). */
    static final int SAMPLE_PER_LIST = 40;
    /** At most this many floats of sample on the heap (128 MB). */
    static final int MAX_SAMPLE_FLOATS = 1 << 25;

    private IvfBuilder() {
    }

    static void build(RowSource rows, boolean root, Path dir, IvfIndex.Params params, int threads, Map<String, String> userData)
            throws IOException {
        Files.createDirectories(dir);
        int[] shape = writeVectors(rows, dir.resolve(IvfIndex.VECTORS));
        int n = shape[0];
        int d = shape[1];
        int lists = n == 0 ? 0 : Math.min(n, params.lists() > 0 ? params.lists() : IvfIndex.Params.defaultLists(n));
        int probes = Math.min(lists, params.probes() > 0 ? params.probes() : IvfIndex.Params.defaultProbes(lists));
        float[] centres = new float[0];
        int[] offsets = new int[lists + 1];
        int[] slotRows = new int[n];
        if (n > 0) {
            MappedFile vectors = MappedFile.open(dir.resolve(IvfIndex.VECTORS), 4L * n * d);
            centres = train(vectors, n, d, lists, params, threads);
            int[] assigned = assign(vectors, n, d, new Centroids(centres, lists, d), threads);
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
        } else {
            Files.write(dir.resolve(IvfIndex.CODES), new byte[0]);
            Files.write(dir.resolve(IvfIndex.SCALES), new byte[0]);
        }
        writeFloats(dir.resolve(IvfIndex.CENTROIDS), centres);
        writeInts(dir.resolve(IvfIndex.LISTS), offsets, slotRows);
        IvfHeader h = new IvfHeader(n, d, lists, probes, params.rerank(), root, userData);
        h.write(dir.resolve(IvfIndex.HEADER));
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
                for (float x : v) {
                    if (!b.hasRemaining()) {
                        flush(ch, b);
                    }
                    b.putFloat(x);
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

    /** k-means centres of a random sample of the rows (at most {@link #MAX_SAMPLE_FLOATS} floats). */
    private static float[] train(MappedFile vectors, int n, int d, int lists, IvfIndex.Params params, int threads) {
        int size = (int) Math.min(n, Math.max(lists, Math.min((long) lists * SAMPLE_PER_LIST, MAX_SAMPLE_FLOATS / Math.max(1, d))));
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
        float[] sample = new float[size * d];
        for (int i = 0; i < size; i++) {
            vectors.floats((long) rows[i] * d, sample, i * d, d);
        }
        return SphericalKMeans.train(sample, size, d, lists, params.iterations(), threads, params.seed());
    }

    /** The nearest centre of every row, two rows at a time per worker. */
    private static int[] assign(MappedFile vectors, int n, int d, Centroids table, int threads) {
        int[] out = new int[n];
        Workers.forChunks(n, 1024, threads, (w, from, to) -> {
            float[] a = new float[d];
            float[] b = new float[d];
            float[] sa = new float[table.count];
            float[] sb = new float[table.count];
            for (int i = from; i < to; i += 2) {
                int j = Math.min(i + 1, to - 1);
                vectors.floats((long) i * d, a, 0, d);
                vectors.floats((long) j * d, b, 0, d);
                table.similarities(a, b, sa, sb);
                out[i] = Centroids.argmax(sa, table.count);
                out[j] = Centroids.argmax(sb, table.count);
            }
        });
        return out;
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
