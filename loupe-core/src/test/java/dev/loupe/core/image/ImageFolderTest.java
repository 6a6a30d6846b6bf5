package dev.loupe.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The images folder gate: what may be opened, and the pixel limit checked from the header. */
class ImageFolderTest {
    @TempDir
    Path tmp;

    /** A grey 1-bit PNG of any size, all black: {@code w*h/8} bytes of zeros, deflated to almost nothing. */
    static byte[] blackPng(int w, int h) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(w);
        d.writeInt(h);
        d.write(new byte[] {1, 0, 0, 0, 0}); // bit depth 1, grey, deflate, no filter, no interlace
        chunk(png, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat)) {
            byte[] row = new byte[1 + (w + 7) / 8];
            for (int y = 0; y < h; y++) {
                z.write(row);
            }
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    @Test
    @Timeout(30)
    void aDecompressionBombIsRefusedFromItsHeader() throws IOException {
        byte[] bomb = blackPng(20_000, 20_000);
        assertThat(bomb.length).isLessThan(1_000_000);
        assertThatThrownBy(() -> ImageDecoder.decode(bomb, "bomb.png")).isInstanceOf(RefusedImageFile.class)
                .hasMessage("bomb.png: the header declares 20000x20000 = 400000000 pixels, more than the limit of 89478485 "
                        + "(a decompression bomb?); it is not decoded (raise the limit with --max-pixels)");
        byte[] small = blackPng(2000, 2000);
        assertThat(ImageDecoder.decode(small, "small.png", 4_000_000).width()).isEqualTo(2000);
        assertThatThrownBy(() -> ImageDecoder.decode(small, "small.png", 3_999_999)).isInstanceOf(RefusedImageFile.class);
    }

    @Test
    void pathsThatLeaveTheFolderAreRefusedByName() {
        ImageFolder folder = new ImageFolder(tmp);
        assertThat(folder.resolve("a/b.png")).isEqualTo(tmp.toAbsolutePath().normalize().resolve("a/b.png"));
        assertThat(folder.resolve("../x.png")).isNull();
        assertThat(folder.resolve("a/../../x.png")).isNull();
        assertThat(folder.resolve("/etc/passwd")).isNull();
        assertThat(folder.resolve("a\0b.png")).isNull();
        assertThatThrownBy(() -> folder.locate("a\0b.png")).isInstanceOf(RefusedImageFile.class)
                .hasMessageContaining("'a\\u0000b.png' contains a NUL character");
    }

    @Test
    void linksAreFollowedOnlyToRegularFilesInsideTheFolder() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Files.write(images.resolve("a.png"), blackPng(4, 4));
        Files.write(tmp.resolve("outside.png"), blackPng(4, 4));
        Files.createDirectories(images.resolve("sub"));
        Files.createSymbolicLink(images.resolve("sub/in.png"), Path.of("../a.png"));
        Files.createSymbolicLink(images.resolve("out.png"), tmp.resolve("outside.png"));
        Files.createSymbolicLink(images.resolve("zero.png"), Path.of("/dev/zero"));
        Files.createSymbolicLink(images.resolve("dangling.png"), Path.of("nothing.png"));
        ImageFolder folder = new ImageFolder(images);
        assertThat(folder.locate("sub/in.png")).isEqualTo(images.resolve("a.png").toRealPath());
        assertThat(folder.decode("sub/in.png", 16).width()).isEqualTo(4);
        assertThatThrownBy(() -> folder.locate("out.png")).isInstanceOf(RefusedImageFile.class)
                .hasMessageContaining("out.png is a link to " + tmp.resolve("outside.png").toRealPath());
        assertThatThrownBy(() -> folder.decode("zero.png", 16)).isInstanceOf(RefusedImageFile.class)
                .hasMessageContaining("is a link to /dev/zero");
        assertThatThrownBy(() -> folder.locate("sub")).isInstanceOf(RefusedImageFile.class).hasMessageContaining("a folder");
        assertThatThrownBy(() -> folder.locate("dangling.png")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> folder.locate("missing.png")).isInstanceOf(NoSuchFileException.class);
        if (new ProcessBuilder("mkfifo", images.resolve("fifo.png").toString()).start().waitFor() == 0) {
            assertThatThrownBy(() -> folder.decode("fifo.png", 16)).isInstanceOf(RefusedImageFile.class)
                    .hasMessageContaining("fifo.png is not a regular file");
        }
    }
}
