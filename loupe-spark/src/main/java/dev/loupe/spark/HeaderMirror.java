package dev.loupe.spark;

import dev.loupe.core.image.ImageHeaders;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * A local folder that stands for an images folder on a Hadoop file system while the driver imports
 * the dataset: the same tree of image files, each a sparse file of the remote file's length
 * holding only the bytes its header was read from. The executors read the headers (in waves,
 * spread over their cores) and send those bytes back, so the importers, which read headers and
 * list folders through java.nio, see the sizes, formats and corrupt headers the images have
 * without the driver copying a single image.
 */
final class HeaderMirror {
    /** Images per wave, and their bytes at most: a wave's header bytes are held by the driver at once. */
    private static final int WAVE_IMAGES = 20_000;
    private static final long WAVE_BYTES = 256L << 20;

    private HeaderMirror() {
    }

    /**
     * What an executor read of one image: the bytes up to the end of its header, or why it could not
     * be opened.
     */
    record Prefix(String relativePath, long length, byte[] bytes, String error) implements Serializable {
    }

    /** What the mirror holds: image files, and the ones that could not be opened. */
    record Result(int images, long headerBytes, List<String> unreadable) {
    }

    /** Lists the images under {@code images} and writes their mirror under {@code local}. */
    static Result build(JavaSparkContext spark, HadoopFiles files, String images, Path local, PrintWriter out) throws IOException {
        List<HadoopFiles.RemoteImage> all = files.listImages(images);
        Files.createDirectories(local);
        long headerBytes = 0;
        List<String> unreadable = new ArrayList<>();
        int done = 0;
        ReadHeaders read = new ReadHeaders(files, images);
        while (done < all.size()) {
            int end = done;
            long bytes = 0;
            while (end < all.size() && end - done < WAVE_IMAGES && (end == done || bytes + all.get(end).length() <= WAVE_BYTES)) {
                bytes += all.get(end).length();
                end++;
            }
            List<HadoopFiles.RemoteImage> wave = all.subList(done, end);
            int slices = Math.max(1, Math.min(wave.size(), 2 * spark.defaultParallelism()));
            for (Prefix p : spark.parallelize(new ArrayList<>(wave), slices).mapPartitions(read).collect()) {
                if (p.error() != null) {
                    unreadable.add(p.relativePath() + ": " + p.error());
                } else {
                    write(local, p);
                    headerBytes += p.bytes().length;
                }
            }
            done = end;
            out.printf("Read the headers of %d of %d images in %s%n", done, all.size(), images);
            out.flush();
        }
        return new Result(all.size(), headerBytes, unreadable);
    }

    static void write(Path root, Prefix p) throws IOException {
        Path file = root.resolve(p.relativePath()).normalize();
        if (!file.startsWith(root)) {
            return;
        }
        Files.createDirectories(file.getParent());
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(p.bytes());
            f.setLength(p.length());
        }
    }

    /** The executors' side: each image's header read through a stream that keeps the bytes it gave. */
    record ReadHeaders(HadoopFiles files, String images) implements FlatMapFunction<Iterator<HadoopFiles.RemoteImage>, Prefix> {
        @Override
        public Iterator<Prefix> call(Iterator<HadoopFiles.RemoteImage> partition) {
            List<Prefix> prefixes = new ArrayList<>();
            while (partition.hasNext()) {
                HadoopFiles.RemoteImage image = partition.next();
                try (Recording in = new Recording(files.open(files.child(images, image.relativePath())));
                     ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
                    try {
                        ImageHeaders.read(stream, image.length());
                    } catch (IOException corrupt) {
                        // the driver's importer reads the same bytes and records the same problem
                    }
                    prefixes.add(new Prefix(image.relativePath(), image.length(), in.bytes(), null));
                } catch (IOException e) {
                    prefixes.add(new Prefix(image.relativePath(), image.length(), null, e.toString()));
                }
            }
            return prefixes.iterator();
        }
    }

    /** Keeps a copy of every byte read through it. */
    static final class Recording extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream(16 << 10);

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                copy.write(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // read, not skipped: the kept bytes stay at their offsets
            byte[] buffer = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        byte[] bytes() {
            return copy.toByteArray();
        }
    }
}
