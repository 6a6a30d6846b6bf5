package dev.loupe.server;

import dev.loupe.app.BadRequest;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * JPEG thumbnails, generated on first request and cached in {@code PROJECT/cache/thumbnails/SIZE/ID.jpg}.
 * The requested size is rounded up to one of {@link #SIZES} (the longest side, never larger than
 * the image), so the cache stays bounded. Big images are subsampled while decoding, then scaled
 * with bilinear interpolation. Generation runs on at most as many threads as cores.
 */
final class Thumbnails {
    static final int[] SIZES = {64, 128, 256, 512, 1024};
    private final Path cache;
    private final Semaphore workers = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    Thumbnails(Path projectDir) {
        this.cache = projectDir.resolve("cache").resolve("thumbnails");
    }

    /** The allowed size for a requested one: the smallest of {@link #SIZES} at least as large, at most the largest. */
    static int bucket(long requested) {
        if (requested < 1) {
            throw new BadRequest("size must be a positive number of pixels, got " + requested);
        }
        for (int s : SIZES) {
            if (s >= requested) {
                return s;
            }
        }
        return SIZES[SIZES.length - 1];
    }

    /** The cached thumbnail file of an image, created when missing. */
    Path get(long imageId, Path source, int size) throws IOException, InterruptedException {
        Path file = cache.resolve(Integer.toString(size)).resolve(imageId + ".jpg");
        if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(source)) >= 0) {
            return file;
        }
        workers.acquire();
        try {
            BufferedImage thumb = scale(read(source, size), size);
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), imageId + ".", ".tmp");
            try {
                writeJpeg(thumb, tmp);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } finally {
            workers.release();
        }
    }

    /** Decodes with source subsampling so that the decoded image is still at least twice the target size. */
    private static BufferedImage read(Path source, int size) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + source);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ApiError(415, "unsupported_image", "no decoder for " + source.getFileName());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
                int step = Math.max(1, longest / (2 * size));
                ImageReadParam p = reader.getDefaultReadParam();
                p.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, p);
            } catch (IOException | RuntimeException e) {
                // a truncated or corrupt file is the image's problem, not the server's: 415, not 500
                throw new ApiError(415, "unsupported_image", source.getFileName() + " cannot be decoded: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } finally {
                reader.dispose();
            }
        }
    }

    private static BufferedImage scale(BufferedImage src, int size) {
        double f = Math.min(1.0, (double) size / Math.max(src.getWidth(), src.getHeight()));
        int w = Math.max(1, (int) Math.round(src.getWidth() * f));
        int h = Math.max(1, (int) Math.round(src.getHeight() * f));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void writeJpeg(BufferedImage img, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream os = Files.newOutputStream(file); ImageOutputStream out = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.85f);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
    }
}
