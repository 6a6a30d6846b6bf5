package dev.loupe.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.PixelImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JPEG whose EXIF orientation says "rotate 90° clockwise" (6) is decoded as stored, not rotated:
 * pixel coordinates must stay those of the annotations, which tools write in stored pixel space
 * (COCO, VOC), and header sizes and decoded sizes must agree.
 */
class ExifOrientationTest {
    @TempDir
    Path tmp;

    /** SOI, then an APP1 "Exif" segment with a little-endian TIFF header and one IFD entry: Orientation = 6. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'I', 'I', 42, 0, 8, 0, 0, 0,            // little endian, magic 42, IFD at offset 8
            1, 0,                                   // one entry
            0x12, 0x01, 3, 0, 1, 0, 0, 0,           // tag 0x0112 Orientation, type SHORT, count 1
            (byte) orientation, 0, 0, 0,            // value
            0, 0, 0, 0                              // no next IFD
        };
        byte[] exifHeader = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exifHeader.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);                      // SOI
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(exifHeader, 0, exifHeader.length);
        out.write(tiff, 0, tiff.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void orientationIsNotAppliedAndHeaderAndPixelsAgree() throws IOException {
        // 40x20: left half white, right half black (stored orientation).
        BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLACK);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", plain);
        Path file = tmp.resolve("rotated.jpg");
        Files.write(file, withOrientation(plain.toByteArray(), 6));

        PixelImage px = ImageDecoder.decode(file);
        assertThat(px.width()).isEqualTo(40);
        assertThat(px.height()).isEqualTo(20);
        assertThat(ImageHeaders.read(file).width()).isEqualTo(40);
        // Stored layout: bright on the left, dark on the right (JPEG ringing aside).
        assertThat(px.value(5, 10, 0)).isGreaterThan(240);
        assertThat(px.value(35, 10, 0)).isLessThan(15);
        // Same pixels as the file without the EXIF segment.
        PixelImage reference = ImageDecoder.decode(plain.toByteArray(), "plain.jpg");
        assertThat(px.rgb()).isEqualTo(reference.rgb());
    }
}
