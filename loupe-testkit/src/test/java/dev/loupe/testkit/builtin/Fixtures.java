package dev.loupe.testkit.builtin;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Tiny files for the built-ins' contract fixtures. */
final class Fixtures {
    private Fixtures() {
    }

    /** An RGB PNG of the given size with a grey ramp (not blank, so that models see something). */
    static Path image(Path file, int width, int height) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage im = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = (x * 31 + y * 17) % 256;
                im.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        ImageIO.write(im, "png", file.toFile());
        return file;
    }

    /** An 8-bit greyscale PNG whose values are {@code rows[y][x]} (an instance mask). */
    static Path greyMask(Path file, int[][] rows) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage mask = new BufferedImage(rows[0].length, rows.length, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = mask.getRaster();
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length; x++) {
                raster.setSample(x, y, 0, rows[y][x]);
            }
        }
        ImageIO.write(mask, "png", file.toFile());
        return file;
    }

    static Path text(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
