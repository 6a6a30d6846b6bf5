package dev.loupe.formats.masks;

import dev.loupe.core.geometry.Rle;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.image.ImageHeader;
import dev.loupe.core.image.ImageHeaders;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Splits an instance-id PNG into one COCO RLE per instance. The instance id of a pixel is the
 * stored sample: for a palette PNG the palette index (never the RGB colour the palette maps it
 * to: DAVIS / YouTube-VOS / VOC masks colour instance k with palette entry k), for a greyscale PNG
 * (8 or 16 bit; a grey+alpha PNG uses its grey channel) the grey value. 0 is background. In palette
 * masks 255 is also skipped: Pascal VOC and its followers paint the uncertain boundary around each
 * object with index 255 ("void"), which is not an instance. In greyscale masks 255 is a real id
 * (binary 0/255 masks are common). RGB masks are refused: their colours are not ids.
 */
final class InstanceMaskDecoder {
    /** Background: no instance. */
    static final int BACKGROUND = 0;
    /** The Pascal VOC "void" boundary index, skipped in palette masks. */
    static final int VOID = 255;
    /**
     * Instances one mask may hold. Dense datasets have hundreds per image (LVIS at most about
     * 800); a 16-bit mask can hold 65535 ids, and every instance becomes an object that each
     * pairwise metric compares with every other of its image.
     */
    static final int MAX_INSTANCES = 10_000;

    /**
     * One decoded mask.
     *
     * @param width     mask width in pixels
     * @param height    mask height in pixels
     * @param palette   whether the PNG is a palette (indexed-colour) image
     * @param instances instance id to its mask, ascending ids; only ids that occur
     */
    record Decoded(int width, int height, boolean palette, SortedMap<Integer, Rle> instances) {
    }

    /** The PNG decodes but is not a palette or greyscale image, so its pixels are not ids. */
    static final class UnsupportedMaskException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsupportedMaskException(String message) {
            super(message);
        }
    }

    private InstanceMaskDecoder() {
    }

    /**
     * Decodes a mask file.
     *
     * @throws UnsupportedMaskException when it is, say, an RGB image
     * @throws IOException when it cannot be decoded (corrupt, truncated, not an image)
     */
    static Decoded decode(Path file) throws IOException {
        BufferedImage image;
        try {
            ImageHeader header = ImageHeaders.read(file);
            long pixels = (long) header.width() * header.height();
            if (pixels > ImageDecoder.DEFAULT_MAX_PIXELS) {
                throw new UnsupportedMaskException("mask declares " + header.width() + "x" + header.height() + " = " + pixels
                        + " pixels, more than the limit of " + ImageDecoder.DEFAULT_MAX_PIXELS + "; it is not decoded");
            }
            image = ImageIO.read(file.toFile());
        } catch (RuntimeException e) {
            // ImageIO plugins throw unchecked exceptions on some corrupt files.
            throw new IOException("corrupt image: " + e, e);
        }
        if (image == null) {
            throw new IOException("not an image format ImageIO can read");
        }
        boolean palette = image.getColorModel() instanceof IndexColorModel;
        boolean grey = image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        if (!palette && !grey) {
            throw new UnsupportedMaskException("mask is a " + image.getColorModel().getNumComponents()
                    + "-channel colour image; expected a palette or greyscale PNG whose pixel values are instance ids");
        }
        return new Decoded(image.getWidth(), image.getHeight(), palette, split(image.getRaster(), palette));
    }

    /**
     * One pass over the pixels in COCO's column-major order, closing and opening runs only where
     * the id changes, so the cost is one raster read per column plus one step per run.
     */
    static SortedMap<Integer, Rle> split(Raster raster, boolean skipVoid) {
        int width = raster.getWidth();
        int height = raster.getHeight();
        int total = Math.multiplyExact(width, height);
        Map<Integer, RunBuilder> builders = new HashMap<>();
        int[] column = new int[height];
        RunBuilder current = null;
        for (int x = 0; x < width; x++) {
            raster.getSamples(raster.getMinX() + x, raster.getMinY(), 1, height, 0, column);
            for (int y = 0; y < height; y++) {
                int id = column[y];
                boolean instance = id != BACKGROUND && !(skipVoid && id == VOID);
                if (current != null && (!instance || current.id != id)) {
                    current.close(x * height + y);
                    current = null;
                }
                if (instance && current == null) {
                    current = builders.computeIfAbsent(id, RunBuilder::new);
                    current.open(x * height + y);
                }
            }
        }
        if (current != null) {
            current.close(total);
        }
        SortedMap<Integer, Rle> out = new TreeMap<>();
        for (RunBuilder b : builders.values()) {
            out.put(b.id, b.finish(height, width));
        }
        return out;
    }

    /** The alternating 0/1 run lengths of one instance, built as its runs are met in order. */
    private static final class RunBuilder {
        private final int id;
        private int[] counts = new int[8];
        private int size;
        private int runStart;
        private int lastEnd;

        RunBuilder(int id) {
            this.id = id;
        }

        void open(int position) {
            add(position - lastEnd);
            runStart = position;
        }

        void close(int position) {
            add(position - runStart);
            lastEnd = position;
        }

        /** COCO ends with the trailing run of 0s only when there is one (counts sum to h*w). */
        Rle finish(int height, int width) {
            int trailing = height * width - lastEnd;
            if (trailing > 0) {
                add(trailing);
            }
            return new Rle(height, width, Arrays.copyOf(counts, size));
        }

        private void add(int count) {
            if (size == counts.length) {
                counts = Arrays.copyOf(counts, size * 2);
            }
            counts[size++] = count;
        }
    }
}
