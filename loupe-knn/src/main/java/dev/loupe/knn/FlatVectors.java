package dev.loupe.knn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.IntPredicate;

/**
 * Prepared (unit) vectors in one flat file, memory-mapped for one-off exact queries: {@code loupe
 * similar} reads the pages it scans at disk speed instead of every vector through the database.
 * Layout: magic, a key saying which vectors these are (the caller's: model, ids), n, d, whether they
 * were square-rooted, then n·d little-endian floats. Scores equal {@link ExactIndex#search} over the
 * same {@link Vectors} to the bit (the same four partial sums in the same order).
 */
public final class FlatVectors {
    private static final byte[] MAGIC = "LOUPEVEC1\n".getBytes(StandardCharsets.US_ASCII);

    private FlatVectors() {
    }

    /** Writes {@code vectors} with {@code key} (to a temporary file first, then moved into place). */
    public static void write(Path file, String key, Vectors vectors) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC.length + 4 + k.length + 9).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).putInt(k.length).put(k).putInt(vectors.size()).putInt(vectors.dimension())
                    .put((byte) (vectors.powerNormalised() ? 1 : 0));
            writeAll(ch, head.flip());
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < vectors.size(); i++) {
                for (float x : vectors.row(i)) {
                    if (!b.hasRemaining()) {
                        writeAll(ch, b.flip());
                        b.clear();
                    }
                    b.putFloat(x);
                }
            }
            writeAll(ch, b.flip());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAll(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** The key the file was written with, or null when it is missing or not such a file. */
    public static String key(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate((int) Math.min(ch.size(), 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            head.flip();
            byte[] magic = new byte[MAGIC.length];
            head.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                return null;
            }
            byte[] stored = new byte[head.getInt()];
            head.get(stored);
            return new String(stored, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The k rows most similar to a query, or null when the file is missing, unreadable or holds other
     * vectors than {@code key} names (the caller then reads them another way).
     *
     * @param row      the query's row among the vectors, or -1 for {@code rawQuery}
     * @param rawQuery the query as the model gives it (used when {@code row} is -1)
     */
    public static Neighbours search(Path file, String key, int row, float[] rawQuery, int k) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            map.order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            map.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                return null;
            }
            byte[] stored = new byte[map.getInt()];
            map.get(stored);
            if (!key.equals(new String(stored, StandardCharsets.UTF_8))) {
                return null;
            }
            int n = map.getInt();
            int d = map.getInt();
            boolean root = map.get() == 1;
            if ((long) n * d * 4 != map.remaining() || (row < 0 && rawQuery.length != d) || row >= n) {
                return null;
            }
            FloatBuffer data = map.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            float[] q = new float[d];
            if (row >= 0) {
                data.get(row * d, q);
            } else {
                q = Vectors.prepare(rawQuery, d, root);
            }
            IntPredicate skip = i -> i == row;
            TopK top = new TopK(Math.min(k, n));
            float[] v = new float[d];
            for (int i = 0; i < n; i++) {
                if (skip.test(i)) {
                    continue;
                }
                data.get(i * d, v);
                top.offer(i, Vectors.dot(v, 0, q, 0, d));
            }
            return top.drain();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
