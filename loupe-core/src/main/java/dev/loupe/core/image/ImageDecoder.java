package dev.loupe.core.image;

import dev.loupe.api.PixelImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes image files into {@link PixelImage}s (8-bit RGB, interleaved) with ImageIO, as Pillow
 * 9.4 would decode them, so that pixel metrics match Python references:
 * <ul>
 *   <li>8-bit RGB JPEG (the common case) is decoded straight into the RGB byte array the
 *       {@link PixelImage} keeps (a destination image of that layout, so ImageIO never makes its
 *       BGR copy: 40% less time than reading the BGR image and swapping its bytes); other 3-byte
 *       BGR results are swapped to RGB, never pixel by pixel. ImageIO's libjpeg gives the same bytes as Pillow's
 *       libjpeg-turbo except on rare files (a few grey levels on some progressive/odd-sampled
 *       JPEGs).</li>
 *   <li>Grey (1, 2, 4, 8 bits) is replicated to R = G = B; low bit depths are scaled to 0..255
 *       (v·255/(2^bits−1)), as Pillow's "L;2"/"L;4" unpackers do.</li>
 *   <li>16-bit samples become {@code v >> 8} (the high byte). This is what Pillow does for 16-bit
 *       RGB PNGs ("RGB;16B"); for 16-bit grey Pillow opens mode "I" and clamps to 0..255 on
 *       conversion, which whitens almost every image: we deliberately keep the high byte there too.</li>
 *   <li>Palette images are expanded through their colour table.</li>
 *   <li>Alpha is dropped, not composited (the colour values are kept as stored);
 *       {@link PixelImage#hasAlpha()} says it was there.</li>
 *   <li>4-channel JPEGs are CMYK, taken in the Adobe (inverted) convention as Pillow always does
 *       ("CMYK;I"); Adobe YCCK (APP14 transform 2) is first converted to CMYK with libjpeg's exact
 *       integer tables; then Pillow's CMYK→RGB: R = clip(255 − K' − MULDIV255(C', 255 − K')) with
 *       C' = 255 − stored C, K' = 255 − stored K (see {@link Cmyk}).</li>
 *   <li>No colour management (embedded ICC profiles are ignored, as in Pillow), and EXIF
 *       orientation is not applied: pixels are in stored order, the space annotation coordinates
 *       refer to.</li>
 * </ul>
 * Corrupt, truncated ("Premature end of JPEG file") or unsupported files throw an IOException that
 * names the file and the reason.
 */
public final class ImageDecoder {
    /**
     * Images with more pixels than this are refused from their header unless a run sets another
     * limit: Pillow's {@code MAX_IMAGE_PIXELS} (a 9459x9459 image; 256 MiB as 8-bit RGB), beyond
     * which Pillow warns of a decompression bomb.
     */
    public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
    /** The largest image file read: one Java array. */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

    private ImageDecoder() {
    }

    /** Decodes a file; the message of a failure starts with the file name. */
    public static PixelImage decode(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Decodes a whole stream (not closed here); {@code name} is used in error messages. */
    public static PixelImage decode(InputStream in, String name) throws IOException {
        return decode(in.readAllBytes(), name);
    }

    /**
     * The JPEG reader of this thread, kept between images: looking readers up through the service
     * registry and creating one (with its native libjpeg state) costs more per image than it
     * should. A reader that failed is disposed and not kept.
     */
    private static final ThreadLocal<ImageReader> JPEG_READER = new ThreadLocal<>();

    /** Decodes the bytes of an image file with the {@link #DEFAULT_MAX_PIXELS} limit; {@code name} is used in error messages. */
    public static PixelImage decode(byte[] bytes, String name) throws IOException {
        return decode(bytes, name, DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes the bytes of an image file; {@code name} is used in error messages. An image whose
     * header declares more than {@code maxPixels} pixels is refused ({@link RefusedImageFile})
     * before its pixels are allocated: a few hundred kilobytes of PNG can declare 20000x20000.
     */
    public static PixelImage decode(byte[] bytes, String name, long maxPixels) throws IOException {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1: " + maxPixels);
        }
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            boolean jpeg = isJpeg(bytes);
            ImageReader reader = jpeg ? JPEG_READER.get() : null;
            if (reader == null) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new IOException(name + ": not a supported image format (no reader recognises its header)");
                }
                reader = readers.next();
            }
            boolean keep = false;
            try {
                reader.setInput(in, true, true);
                List<String> warnings = new ArrayList<>(1);
                reader.addIIOReadWarningListener(warningCollector(warnings));
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                checkPixels(reader, name, maxPixels);
                PixelImage image = read(reader, format);
                for (String w : warnings) {
                    // libjpeg reports truncation only as a warning (and pads with grey); Pillow fails.
                    if (w.toLowerCase(Locale.ROOT).contains("premature end")) {
                        throw new IOException(name + ": truncated image (" + w + ")");
                    }
                }
                keep = jpeg && "jpeg".equals(format);
                return image;
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(name + ":")) {
                    throw e;
                }
                throw new IOException(name + ": cannot decode image: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                // ImageIO plugins throw unchecked exceptions on some corrupt files.
                throw new IOException(name + ": corrupt image: " + e, e);
            } finally {
                if (keep) {
                    reader.removeAllIIOReadWarningListeners();
                    reader.setInput(null);
                    JPEG_READER.set(reader);
                } else {
                    if (reader == JPEG_READER.get()) {
                        JPEG_READER.remove();
                    }
                    reader.dispose();
                }
            }
        }
    }

    /** Refuses an image whose header declares more than {@code maxPixels} pixels. */
    private static void checkPixels(ImageReader reader, String name, long maxPixels) throws IOException {
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > maxPixels) {
            throw new RefusedImageFile(name + ": the header declares " + w + "x" + h + " = " + w * h
                    + " pixels, more than the limit of " + maxPixels + " (a decompression bomb?); it is not decoded "
                    + "(raise the limit with --max-pixels)");
        }
    }

    /** Whether the bytes start with a JPEG start-of-image marker (FF D8 FF). */
    private static boolean isJpeg(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF;
    }

    private static PixelImage read(ImageReader reader, String format) throws IOException {
        if ("jpeg".equals(format)) {
            PixelImage direct = readRgbJpeg(reader);
            if (direct != null) {
                return direct;
            }
        }
        BufferedImage image = reader.read(0);
        ColorModel cm = image.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_CMYK) {
            // ImageIO's own CMYK conversion differs from Pillow's: convert the raw samples ourselves.
            return Cmyk.toPixelImage(reader.readRaster(0, null), Cmyk.adobeTransform(reader));
        }
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            byte[] rgb = fromBgr(image);
            if (rgb != null) {
                return new PixelImage(image.getWidth(), image.getHeight(), rgb, 3, 8, false);
            }
        }
        return RasterConversion.toPixelImage(image.getRaster(), cm);
    }

    /**
     * A 3-channel JPEG whose default decoded type is 8-bit BGR, decoded into an RGB-ordered image
     * over the array the PixelImage keeps; null for any other JPEG (grey, CMYK, YCCK, or one whose
     * types ImageIO cannot list), which takes the general path.
     */
    private static PixelImage readRgbJpeg(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types;
        try {
            types = reader.getImageTypes(0);
        } catch (IIOException e) {
            return null;
        }
        if (!types.hasNext() || types.next().getBufferedImageType() != BufferedImage.TYPE_3BYTE_BGR) {
            return null;
        }
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        if ((long) w * h * 3 > Integer.MAX_VALUE - 8) {
            return null;
        }
        byte[] rgb = new byte[w * h * 3];
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(rgb, rgb.length), w, h, 3 * w, 3,
                new int[] {0, 1, 2}, null);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setDestination(new BufferedImage(RGB_BYTES, raster, false, null));
        reader.read(0, param);
        return new PixelImage(w, h, rgb, 3, 8, false);
    }

    /** 8-bit sRGB without alpha, for {@link #readRgbJpeg}'s destination. */
    private static final ColorModel RGB_BYTES = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);

    /** The RGB bytes of a packed BGR image, or null when its layout is not the plain one. */
    private static byte[] fromBgr(BufferedImage image) {
        Raster raster = image.getRaster();
        if (!(raster.getSampleModel() instanceof ComponentSampleModel sm)
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0) {
            return null;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] offsets = sm.getBandOffsets();
        if (sm.getPixelStride() != 3 || sm.getScanlineStride() != 3 * w
                || offsets[0] != 2 || offsets[1] != 1 || offsets[2] != 0) {
            return null;
        }
        DataBufferByte buffer = (DataBufferByte) raster.getDataBuffer();
        byte[] bgr = buffer.getData();
        int n = 3 * w * h;
        if (buffer.getOffset() != 0 || bgr.length < n) {
            return null;
        }
        byte[] rgb = new byte[n];
        for (int i = 0; i < n; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        return rgb;
    }

    private static IIOReadWarningListener warningCollector(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }

    /** Whether the palette of an indexed image has transparency. */
    static boolean paletteHasAlpha(IndexColorModel icm) {
        return icm.hasAlpha() || icm.getTransparentPixel() >= 0;
    }
}
