package dev.loupe.formats.masks;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Builders for the small synthetic images, masks and label files the tests write into a temp folder. */
final class MaskFixtures {
    static final Path SHARED = Path.of(System.getProperty("loupe.shared", "/work/shared"));
    static final Path VOS = SHARED.resolve("data/encord-examples/video_frames_boxes_masks");

    private MaskFixtures() {
    }

    /** A black RGB PNG of the given size. */
    static void image(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }

    /**
     * An 8-bit palette PNG whose raster holds the given indices ({@code rows[y][x]}). The palette
     * maps each index to a colour whose RGB values differ from the index (VOC style: 1 = dark red,
     * 2 = dark green, 255 = cream), so a reader that used colours would get other ids.
     */
    static void paletteMask(Path file, int[][] rows) throws IOException {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        r[1] = (byte) 128;
        g[2] = (byte) 128;
        r[255] = (byte) 224;
        g[255] = (byte) 224;
        b[255] = (byte) 192;
        IndexColorModel palette = new IndexColorModel(8, 256, r, g, b);
        BufferedImage mask = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_INDEXED, palette);
        fill(mask.getRaster(), rows);
        write(file, mask);
    }

    /** An 8-bit greyscale PNG whose grey values are {@code rows[y][x]}. */
    static void greyMask(Path file, int[][] rows) throws IOException {
        BufferedImage mask = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
        fill(mask.getRaster(), rows);
        write(file, mask);
    }

    static void text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void fill(WritableRaster raster, int[][] rows) {
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length; x++) {
                raster.setSample(x, y, 0, rows[y][x]);
            }
        }
    }

    private static void write(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer for " + image);
        }
    }
}
