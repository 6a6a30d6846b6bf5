package dev.loupe.knn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file memory-mapped in chunks of at most 1 GiB (one mapping cannot exceed 2 GiB), read
 * by absolute position, so that any number of threads may read it at once. Values are little-endian;
 * a chunk boundary is a multiple of 4, so one float or int never straddles two chunks (a row may).
 */
final class MappedFile {
    static final int CHUNK = 1 << 30;

    private final Path file;
    private final int chunk;
    private final ByteBuffer[] chunks;
    private final java.nio.FloatBuffer[] floatChunks;
    private final long size;

    private MappedFile(Path file, int chunk, ByteBuffer[] chunks, long size) {
        this.file = file;
        this.chunk = chunk;
        this.chunks = chunks;
        this.floatChunks = new java.nio.FloatBuffer[chunks.length];
        for (int c = 0; c < chunks.length; c++) {
            floatChunks[c] = chunks[c].asFloatBuffer();
        }
        this.size = size;
    }

    /**
     * Maps {@code file}, which must hold exactly {@code expected} bytes.
     *
     * @throws IOException naming the file when it is missing, shorter or longer than expected
     */
    static MappedFile open(Path file, long expected) throws IOException {
        return open(file, expected, CHUNK);
    }

    /** As {@link #open(Path, long)} with chunks of {@code chunk} bytes (a multiple of 4; small in tests). */
    static MappedFile open(Path file, long expected, int chunk) throws IOException {
        if (chunk <= 0 || chunk % 4 != 0) {
            throw new IllegalArgumentException("chunk " + chunk + " is not a positive multiple of 4");
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new IOException(file + " is missing (the index is incomplete: rebuild it)");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != expected) {
                throw new IOException(file + " is " + (size < expected ? "truncated" : "too long") + ": " + size
                        + " bytes, expected " + expected + " (rebuild the index)");
            }
            ByteBuffer[] chunks = new ByteBuffer[(int) ((size + chunk - 1) / chunk)];
            for (int c = 0; c < chunks.length; c++) {
                long from = (long) c * chunk;
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(chunk, size - from)).order(ByteOrder.LITTLE_ENDIAN);
            }
            return new MappedFile(file, chunk, chunks, size);
        }
    }

    Path file() {
        return file;
    }

    long size() {
        return size;
    }

    /** Copies {@code len} bytes from byte {@code pos} into {@code dst}. */
    void bytes(long pos, byte[] dst, int off, int len) {
        while (len > 0) {
            int c = (int) (pos / chunk);
            int at = (int) (pos % chunk);
            int n = Math.min(len, chunk - at);
            chunks[c].get(at, dst, off, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code len} floats from float number {@code index} into {@code dst}. */
    void floats(long index, float[] dst, int off, int len) {
        long pos = index * 4;
        while (len > 0) {
            int c = (int) (pos / chunk);
            int at = (int) (pos % chunk);
            int n = Math.min(len, (chunk - at) / 4);
            floatChunks[c].get(at / 4, dst, off, n);
            pos += 4L * n;
            off += n;
            len -= n;
        }
    }

    /** The float at float number {@code index}. */
    float floatAt(long index) {
        long pos = index * 4;
        return chunks[(int) (pos / chunk)].getFloat((int) (pos % chunk));
    }

    /** The int at int number {@code index}. */
    int intAt(long index) {
        long pos = index * 4;
        return chunks[(int) (pos / chunk)].getInt((int) (pos % chunk));
    }
}
