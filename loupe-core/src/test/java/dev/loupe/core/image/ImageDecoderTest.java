package dev.loupe.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.PixelImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
    private static Path shared() {
        return Path.of(System.getProperty("loupe.shared", "/work/shared"));
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }

    private static int[] pixel(PixelImage img, int x, int y) {
        return new int[] {img.value(x, y, 0), img.value(x, y, 1), img.value(x, y, 2)};
    }

    @Test
    void rgbJpegIsReadInRgbOrderLikeImageIoGetRgb() throws IOException {
        Path file = shared().resolve("data/bccd/BCCD/JPEGImages/BloodImage_00000.jpg");
        PixelImage img = ImageDecoder.decode(file);
        BufferedImage ref = ImageIO.read(file.toFile());
        assertThat(img.width()).isEqualTo(640);
        assertThat(img.height()).isEqualTo(480);
        assertThat(img.channels()).isEqualTo(3);
        assertThat(img.bitDepth()).isEqualTo(8);
        assertThat(img.hasAlpha()).isFalse();
        for (int y = 0; y < img.height(); y += 7) {
            for (int x = 0; x < img.width(); x += 5) {
                int argb = ref.getRGB(x, y);
                assertThat(pixel(img, x, y)).containsExactly((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
            }
        }
    }

    @Test
    void greyPngIsReplicatedToThreeEqualChannels() throws IOException {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 3, 2, 0, new int[] {0, 1, 127, 128, 254, 255});
        PixelImage img = ImageDecoder.decode(png(grey), "grey.png");
        assertThat(img.channels()).isEqualTo(1);
        assertThat(img.bitDepth()).isEqualTo(8);
        assertThat(img.hasAlpha()).isFalse();
        assertThat(pixel(img, 2, 0)).containsExactly(127, 127, 127);
        assertThat(pixel(img, 2, 1)).containsExactly(255, 255, 255);
    }

    @Test
    void sixteenBitGreyKeepsTheHighByte() throws IOException {
        BufferedImage grey = new BufferedImage(5, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey.getRaster().setSamples(0, 0, 5, 1, 0, new int[] {0, 255, 256, 1000, 65535});
        PixelImage img = ImageDecoder.decode(png(grey), "grey16.png");
        assertThat(img.bitDepth()).isEqualTo(16);
        assertThat(img.channels()).isEqualTo(1);
        // v >> 8: 0, 0, 1, 3, 255 (Pillow would clamp mode "I" to 0, 255, 255, 255, 255).
        int[] reds = new int[5];
        for (int x = 0; x < 5; x++) {
            reds[x] = img.value(x, 0, 0);
        }
        assertThat(reds).containsExactly(0, 0, 1, 3, 255);
    }

    @Test
    void sixteenBitRgbKeepsTheHighByteOfEachChannelLikePillow() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(2, 1);
        raster.setPixel(0, 0, new int[] {0x1234, 0xFFFF, 0x00FF});
        raster.setPixel(1, 0, new int[] {0x8000, 0x7FFF, 0x0100});
        PixelImage img = ImageDecoder.decode(png(new BufferedImage(cm, raster, false, null)), "rgb16.png");
        assertThat(img.bitDepth()).isEqualTo(16);
        assertThat(img.channels()).isEqualTo(3);
        assertThat(pixel(img, 0, 0)).containsExactly(0x12, 0xFF, 0x00);
        assertThat(pixel(img, 1, 0)).containsExactly(0x80, 0x7F, 0x01);
    }

    @Test
    void palettePngIsExpandedThroughItsColourTable() throws IOException {
        byte[] r = {0, (byte) 255, 10, 0};
        byte[] g = {0, 0, 20, (byte) 200};
        byte[] b = {0, 0, 30, 100};
        IndexColorModel icm = new IndexColorModel(2, 4, r, g, b);
        BufferedImage pal = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_BINARY, icm);
        pal.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {3, 2, 1, 0});
        PixelImage img = ImageDecoder.decode(png(pal), "palette.png");
        assertThat(img.hasAlpha()).isFalse();
        assertThat(img.channels()).isEqualTo(3);
        assertThat(pixel(img, 0, 0)).containsExactly(0, 200, 100);
        assertThat(pixel(img, 1, 0)).containsExactly(10, 20, 30);
        assertThat(pixel(img, 2, 0)).containsExactly(255, 0, 0);
        assertThat(pixel(img, 3, 0)).containsExactly(0, 0, 0);
    }

    @Test
    void paletteWithTransparencyReportsAlpha() throws IOException {
        byte[] c = {0, (byte) 255};
        byte[] a = {0, (byte) 255};
        IndexColorModel icm = new IndexColorModel(1, 2, c, c, c, a);
        BufferedImage pal = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, icm);
        pal.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {1, 0});
        PixelImage img = ImageDecoder.decode(png(pal), "palette-alpha.png");
        assertThat(img.hasAlpha()).isTrue();
        assertThat(pixel(img, 0, 0)).containsExactly(255, 255, 255);
    }

    @Test
    void rgbaDropsAlphaWithoutCompositing() throws IOException {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x80_C8_64_32); // alpha 128, colour (200, 100, 50)
        rgba.setRGB(1, 0, 0x00_0A_14_1E); // fully transparent, colour (10, 20, 30) kept
        PixelImage img = ImageDecoder.decode(png(rgba), "rgba.png");
        assertThat(img.hasAlpha()).isTrue();
        assertThat(img.channels()).isEqualTo(4);
        assertThat(pixel(img, 0, 0)).containsExactly(200, 100, 50);
        assertThat(pixel(img, 1, 0)).containsExactly(10, 20, 30);
    }

    @Test
    void greyWithAlphaIsTwoChannelsWithAlpha() throws IOException {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {77, 10});
        PixelImage img = ImageDecoder.decode(png(new BufferedImage(cm, raster, false, null)), "la.png");
        assertThat(img.channels()).isEqualTo(2);
        assertThat(img.hasAlpha()).isTrue();
        assertThat(pixel(img, 0, 0)).containsExactly(77, 77, 77);
    }

    @Test
    void oneByOneImagesDecode() throws IOException {
        BufferedImage one = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        one.setRGB(0, 0, 0x102030);
        PixelImage fromPng = ImageDecoder.decode(png(one), "one.png");
        assertThat(pixel(fromPng, 0, 0)).containsExactly(0x10, 0x20, 0x30);
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        ImageIO.write(one, "jpeg", jpg);
        PixelImage fromJpeg = ImageDecoder.decode(jpg.toByteArray(), "one.jpg");
        assertThat(fromJpeg.width()).isEqualTo(1);
        assertThat(fromJpeg.height()).isEqualTo(1);
    }

    /** Blocks of 8×8 uniform CMYK samples, stored as written (quality 1.0 keeps flat blocks exact). */
    private static final int[][] CMYK_BLOCKS = {{100, 50, 20, 30}, {10, 20, 30, 200}, {120, 140, 110, 200},
        {255, 0, 128, 255}, {60, 100, 160, 90}};

    /**
     * A 4-channel JPEG written by ImageIO from a raster (no Adobe marker), then optionally given an
     * Adobe APP14 marker (version 100, flags 0, the transform byte) right after SOI.
     */
    static byte[] cmykJpeg(int transform) throws IOException {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8 * CMYK_BLOCKS.length, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < r.getWidth(); x++) {
                r.setPixel(x, y, CMYK_BLOCKS[x / 8]);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(1f);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(r, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpg = bytes.toByteArray();
        if (transform < 0) {
            return jpg;
        }
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[jpg.length + app14.length];
        System.arraycopy(jpg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpg, 2, out, 2 + app14.length, jpg.length - 2);
        return out;
    }

    private static int[][] blockColours(PixelImage img) {
        int[][] out = new int[CMYK_BLOCKS.length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = pixel(img, 8 * b + 3, 4);
        }
        return out;
    }

    /** Expected values: Pillow 9.4 {@code Image.open(f).convert("RGB")} on these exact bytes. */
    @Test
    void cmykJpegIsConvertedAsPillowDoesWithAndWithoutAdobeMarker() throws IOException {
        int[][] pillow = {{12, 6, 2}, {8, 16, 24}, {94, 110, 86}, {255, 0, 128}, {21, 35, 56}};
        for (int transform : new int[] {-1, 0}) {
            PixelImage img = ImageDecoder.decode(cmykJpeg(transform), "cmyk.jpg");
            assertThat(img.channels()).isEqualTo(4);
            assertThat(img.hasAlpha()).isFalse();
            assertThat(blockColours(img)).as("transform " + transform).isDeepEqualTo(pillow);
        }
        // By hand for the first block, stored (100, 50, 20, 30): nk = 30, C = 155,
        // R = 30 - MULDIV255(155, 30) = 30 - 18 = 12.
        assertThat(pillow[0][0]).isEqualTo(12);
    }

    /** Expected values: Pillow 9.4 (libjpeg-turbo YCCK→CMYK, then "CMYK;I" → RGB) on these bytes. */
    @Test
    void ycckJpegIsConvertedThroughLibjpegTablesThenAsCmyk() throws IOException {
        int[][] pillow = {{30, 6, 30}, {200, 108, 200}, {125, 99, 89}, {0, 0, 227}, {53, 73, 86}};
        PixelImage img = ImageDecoder.decode(cmykJpeg(2), "ycck.jpg");
        assertThat(blockColours(img)).isDeepEqualTo(pillow);
    }

    @Test
    void truncatedJpegFailsWithAClearMessage() throws IOException {
        byte[] whole = Files.readAllBytes(shared().resolve("data/bccd/BCCD/JPEGImages/BloodImage_00000.jpg"));
        byte[] half = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> ImageDecoder.decode(half, "half.jpg"))
                .isInstanceOf(IOException.class).hasMessageContaining("half.jpg").hasMessageContaining("truncated");
    }

    @Test
    void theReusedJpegReaderGivesTheSamePixelsAfterOtherFormatsAndAfterAFailure() throws IOException {
        Path dir = shared().resolve("data/bccd/BCCD/JPEGImages");
        byte[] first = Files.readAllBytes(dir.resolve("BloodImage_00000.jpg"));
        byte[] second = Files.readAllBytes(dir.resolve("BloodImage_00001.jpg"));
        byte[] a = ImageDecoder.decode(first, "a.jpg").rgb();
        byte[] b = ImageDecoder.decode(second, "b.jpg").rgb();
        assertThat(a).isNotEqualTo(b);
        assertThatThrownBy(() -> ImageDecoder.decode(Arrays.copyOf(first, first.length / 2), "half.jpg"))
                .hasMessageContaining("truncated");
        assertThat(ImageDecoder.decode(second, "b.jpg").rgb()).isEqualTo(b);
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        assertThat(ImageDecoder.decode(png(grey), "g.png").width()).isEqualTo(3);
        assertThat(ImageDecoder.decode(first, "a.jpg").rgb()).isEqualTo(a);
        assertThat(ImageDecoder.decode(cmykJpeg(0), "cmyk.jpg").channels()).isEqualTo(4);
        assertThat(ImageDecoder.decode(first, "a.jpg").rgb()).isEqualTo(a);
    }

    @Test
    void truncatedPngFails() throws IOException {
        BufferedImage noise = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                noise.setRGB(x, y, (x * 7919 + y * 104729) * 2654435761L > 0 ? x * 31 + y : y * 977 + x);
            }
        }
        byte[] whole = png(noise);
        byte[] cut = Arrays.copyOf(whole, whole.length - 200);
        assertThatThrownBy(() -> ImageDecoder.decode(cut, "cut.png"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("cut.png:");
    }

    @Test
    void bytesOfNoImageFormatFail() {
        byte[] text = "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> ImageDecoder.decode(text, "notes.jpg"))
                .isInstanceOf(IOException.class).hasMessageContaining("notes.jpg").hasMessageContaining("not a supported");
    }

    @Test
    void missingFileFails(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> ImageDecoder.decode(dir.resolve("nope.jpg"))).isInstanceOf(IOException.class);
    }

    /** 1-, 2- and 4-bit grey PNGs are one channel (ImageIO hands them over as a grey palette; they counted as 3). */
    @Test
    void lowBitDepthGreyPngsHaveOneChannelAndTheirGreyLevels() throws IOException {
        for (int bits : new int[] {1, 2, 4}) {
            int max = (1 << bits) - 1;
            // one row of 8 pixels: levels 0, 1, ..., max, repeated
            int[] levels = new int[8];
            for (int x = 0; x < 8; x++) {
                levels[x] = x % (max + 1);
            }
            PixelImage p = ImageDecoder.decode(greyPng(bits, levels), "g" + bits + ".png");
            assertThat(p.channels()).as("%d bits", bits).isEqualTo(1);
            for (int x = 0; x < 8; x++) {
                assertThat(p.rgb()[3 * x] & 0xFF).as("%d bits, pixel %d", bits, x).isEqualTo(levels[x] * 255 / max);
            }
        }
    }

    /** A one-row grey PNG of the given bit depth (colour type 0), written byte by byte. */
    private static byte[] greyPng(int bits, int[] levels) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(head);
        d.writeInt(levels.length);
        d.writeInt(1);
        d.write(new byte[] {(byte) bits, 0, 0, 0, 0});
        chunk(png, "IHDR", head.toByteArray());
        byte[] row = new byte[1 + (levels.length * bits + 7) / 8];
        for (int x = 0; x < levels.length; x++) {
            int bit = x * bits;
            row[1 + bit / 8] |= (byte) (levels[x] << (8 - bits - bit % 8));
        }
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat)) {
            z.write(row);
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.io.DataOutputStream d = new java.io.DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
