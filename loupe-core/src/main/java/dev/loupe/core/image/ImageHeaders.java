package dev.loupe.core.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads image sizes from file headers with ImageIO, without decoding the pixels. */
public final class ImageHeaders {
    /** File extensions treated as images when a folder is scanned. */
    public static final Set<String> IMAGE_EXTENSIONS =
            Set.of("jpg", "jpeg", "png", "bmp", "gif", "tif", "tiff", "webp");

    private ImageHeaders() {
    }

    /** Whether the file name has one of {@link #IMAGE_EXTENSIONS} (case-insensitive). */
    public static boolean isImageFile(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the header of an image file.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException when it is not an image ImageIO can read, or its header is corrupt
     */
    public static ImageHeader read(Path file) throws IOException {
        long size = Files.size(file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            return read(in, size);
        }
    }

    /**
     * Reads the header of an image from a stream (a file on another file system, say), reading only
     * as far as the header; the caller closes the stream.
     *
     * @param size the file's size in bytes, reported in the header
     * @throws IOException when it is not an image ImageIO can read, or its header is corrupt
     */
    public static ImageHeader read(ImageInputStream in, long size) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException("not a supported image format (no reader recognises its header)");
        }
        ImageReader reader = readers.next();
        try {
            reader.setInput(in, true, true);
            int w = reader.getWidth(0);
            int h = reader.getHeight(0);
            if (w <= 0 || h <= 0) {
                throw new IOException("header gives a non-positive size " + w + "x" + h);
            }
            return new ImageHeader(w, h, reader.getFormatName().toLowerCase(Locale.ROOT), size);
        } catch (RuntimeException e) {
            // ImageIO plugins throw unchecked exceptions on some corrupt headers.
            throw new IOException("corrupt image header: " + e, e);
        } finally {
            reader.dispose();
        }
    }
}
