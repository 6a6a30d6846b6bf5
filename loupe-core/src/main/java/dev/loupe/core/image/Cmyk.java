package dev.loupe.core.image;

import dev.loupe.api.PixelImage;
import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * 4-channel JPEG samples to RGB exactly as Pillow 9.4 + libjpeg-turbo do it.
 *
 * <p>libjpeg turns Adobe YCCK (APP14 transform 2) into CMYK with its integer YCbCr tables and
 * passes CMYK through; ImageIO's {@code readRaster} gives the samples before that step, so it is
 * redone here. Pillow then always reads 4-channel JPEG data as Adobe-inverted CMYK ("CMYK;I":
 * C = 255 − stored) and converts with {@code cmyk2rgb}: nk = 255 − K,
 * R = clip(nk − MULDIV255(C, nk)), MULDIV255(a, b) = ((a·b + 128) >> 8 + a·b + 128) >> 8.
 * With stored (inverted) values s this is R = s_K − MULDIV255(255 − s_C, s_K).
 */
final class Cmyk {
    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        // libjpeg jdcolor.c build_ycc_rgb_table (read-only after class initialisation).
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private Cmyk() {
    }

    private static int fix(double x) {
        return (int) (x * (1L << SCALEBITS) + 0.5);
    }

    /** The Adobe APP14 transform flag (0 CMYK, 2 YCCK), or -1 when the file has no Adobe marker. */
    static int adobeTransform(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata == null) {
            return -1;
        }
        Node root = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        NodeList adobe = ((Element) root).getElementsByTagName("app14Adobe");
        if (adobe.getLength() == 0) {
            return -1;
        }
        return Integer.parseInt(((Element) adobe.item(0)).getAttribute("transform"));
    }

    static PixelImage toPixelImage(Raster raster, int adobeTransform) throws IOException {
        if (raster.getNumBands() != 4) {
            throw new IOException("CMYK JPEG with " + raster.getNumBands() + " bands");
        }
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[4 * w];
        for (int y = 0, o = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            for (int i = 0; i < row.length; i += 4, o += 3) {
                int c = row[i];
                int m = row[i + 1];
                int ye = row[i + 2];
                if (adobeTransform == 2) {
                    int yy = c;
                    int cb = m;
                    int cr = ye;
                    c = clip(255 - (yy + CR_R[cr]));
                    m = clip(255 - (yy + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS)));
                    ye = clip(255 - (yy + CB_B[cb]));
                }
                int nk = row[i + 3]; // 255 - K with K = 255 - stored
                rgb[o] = (byte) toRgb(c, nk);
                rgb[o + 1] = (byte) toRgb(m, nk);
                rgb[o + 2] = (byte) toRgb(ye, nk);
            }
        }
        return new PixelImage(w, h, rgb, 4, 8, false);
    }

    /** One channel of Pillow's cmyk2rgb from the stored (inverted) colour sample and 255 − K. */
    static int toRgb(int stored, int nk) {
        int t = (255 - stored) * nk + 128;
        return clip(nk - (((t >> 8) + t) >> 8));
    }

    private static int clip(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
