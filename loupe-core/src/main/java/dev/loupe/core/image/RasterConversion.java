package dev.loupe.core.image;

import dev.loupe.api.PixelImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;

/**
 * Converts any grey, grey+alpha, RGB, RGBA or palette raster (1 to 16 bits per sample) to 8-bit
 * RGB, row by row through {@link Raster#getPixels}: the slow but general path of
 * {@link ImageDecoder}. Raw sample values are used, without colour management.
 */
final class RasterConversion {
    private RasterConversion() {
    }

    static PixelImage toPixelImage(Raster raster, ColorModel cm) throws IOException {
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(raster, icm);
        }
        int colours = cm.getNumColorComponents();
        if (colours != 1 && colours != 3) {
            throw new IOException("unsupported colour model with " + colours + " colour components: " + cm);
        }
        int bands = raster.getNumBands();
        int bits = cm.getComponentSize(0);
        for (int c = 1; c < colours; c++) {
            if (cm.getComponentSize(c) != bits) {
                throw new IOException("unsupported colour model with unequal component sizes: " + cm);
            }
        }
        if (bits < 1 || bits > 16) {
            throw new IOException("unsupported bit depth " + bits);
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        int[] scale = scaleTable(bits);
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w * bands];
        for (int y = 0, o = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int x = 0, i = 0; x < w; x++, i += bands, o += 3) {
                if (colours == 1) {
                    byte v = (byte) scale[row[i]];
                    rgb[o] = v;
                    rgb[o + 1] = v;
                    rgb[o + 2] = v;
                } else {
                    rgb[o] = (byte) scale[row[i]];
                    rgb[o + 1] = (byte) scale[row[i + 1]];
                    rgb[o + 2] = (byte) scale[row[i + 2]];
                }
            }
        }
        return new PixelImage(w, h, rgb, bands, bits, cm.hasAlpha());
    }

    /** Maps a sample of the given bit depth to 0..255: high byte above 8 bits, v·255/(2^bits − 1) below. */
    private static int[] scaleTable(int bits) {
        int max = (1 << bits) - 1;
        int[] t = new int[max + 1];
        for (int v = 0; v <= max; v++) {
            t[v] = bits >= 8 ? v >> (bits - 8) : v * 255 / max;
        }
        return t;
    }

    private static PixelImage fromPalette(Raster raster, IndexColorModel icm) {
        int size = icm.getMapSize();
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        icm.getReds(r);
        icm.getGreens(g);
        icm.getBlues(b);
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0, o = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
            for (int x = 0; x < w; x++, o += 3) {
                // Indices beyond the palette (corrupt files) read as black, as in Pillow.
                int k = row[x];
                if (k < size) {
                    rgb[o] = r[k];
                    rgb[o + 1] = g[k];
                    rgb[o + 2] = b[k];
                }
            }
        }
        boolean alpha = ImageDecoder.paletteHasAlpha(icm);
        return new PixelImage(w, h, rgb, alpha ? 4 : greyRamp(icm) ? 1 : 3, icm.getPixelSize(), alpha);
    }

    /**
     * Whether the palette is exactly the grey ramp of its bit depth (k·255/(2^bits − 1)): how ImageIO
     * decodes 1-, 2- and 4-bit grey PNGs, which are one channel (they counted as 3). A palette file
     * holding exactly that ramp is counted as grey too.
     */
    private static boolean greyRamp(IndexColorModel icm) {
        int bits = icm.getPixelSize();
        int size = icm.getMapSize();
        if (bits < 1 || bits > 4 || size != 1 << bits) {
            return false;
        }
        for (int k = 0; k < size; k++) {
            int v = k * 255 / (size - 1);
            if (icm.getRed(k) != v || icm.getGreen(k) != v || icm.getBlue(k) != v) {
                return false;
            }
        }
        return true;
    }
}
