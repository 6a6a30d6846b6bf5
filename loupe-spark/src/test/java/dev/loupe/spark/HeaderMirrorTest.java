package dev.loupe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.image.ImageHeaders;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header mirror gives the importers what the remote files would: each mirrored file has the
 * original's length, and reading its header gives the same size and format, or the same error, as
 * reading the original, while only the bytes up to the end of the header crossed the network.
 */
class HeaderMirrorTest {
    @TempDir
    Path tmp;

    @Test
    void aMirroredHeaderReadsAsTheOriginal() throws Exception {
        Path remote = tmp.resolve("remote");
        Files.createDirectories(remote.resolve("sub"));
        Path bccd = BccdSubset.BCCD.resolve("JPEGImages/BloodImage_00000.jpg");
        Files.copy(bccd, remote.resolve("bccd.jpg"));
        byte[] jpeg = Files.readAllBytes(bccd);
        Files.write(remote.resolve("truncated.jpg"), Arrays.copyOf(jpeg, 200));
        Files.write(remote.resolve("late-header.jpg"), withAppSegments(jpeg, 3));
        Files.writeString(remote.resolve("not-an-image.png"), "hello, I am text");
        BufferedImage small = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(small, "png", png);
        Files.write(remote.resolve("sub/small.png"), png.toByteArray());
        Files.writeString(remote.resolve("notes.txt"), "not listed: not an image extension");

        Configuration conf = new Configuration();
        conf.set("fs." + SchemeFileSystem.SCHEME + ".impl", SchemeFileSystem.class.getName());
        HadoopFiles files = new HadoopFiles(conf);
        String root = SchemeFileSystem.uri(tmp.resolve("remote"));
        List<HadoopFiles.RemoteImage> listed = files.listImages(root);
        assertThat(listed).extracting(HadoopFiles.RemoteImage::relativePath)
                .containsExactly("bccd.jpg", "late-header.jpg", "not-an-image.png", "sub/small.png", "truncated.jpg");

        Iterator<HeaderMirror.Prefix> prefixes = new HeaderMirror.ReadHeaders(files, root).call(listed.iterator());
        Path mirror = tmp.resolve("mirror");
        java.util.Map<String, Integer> fetched = new java.util.TreeMap<>();
        while (prefixes.hasNext()) {
            HeaderMirror.Prefix p = prefixes.next();
            assertThat(p.error()).isNull();
            HeaderMirror.write(mirror, p);
            fetched.put(p.relativePath(), p.bytes().length);
        }
        System.out.println("header bytes fetched: " + fetched);
        for (HadoopFiles.RemoteImage image : listed) {
            Path original = tmp.resolve("remote").resolve(image.relativePath());
            Path copy = mirror.resolve(image.relativePath());
            assertThat(Files.size(copy)).as(image.relativePath()).isEqualTo(Files.size(original));
            assertThat(header(copy)).as(image.relativePath()).isEqualTo(header(original));
        }
        assertThat(header(mirror.resolve("late-header.jpg"))).isEqualTo(header(remote.resolve("bccd.jpg")));
        assertThat(header(mirror.resolve("truncated.jpg"))).startsWith("error");
        // a JPEG's header is read up to its frame header, not its pixels (the late one's skipped segments are read)
        assertThat(fetched.get("bccd.jpg")).isLessThan((int) Files.size(bccd) / 4);
        assertThat(fetched.get("late-header.jpg")).isLessThan(3 * 65537 + (int) Files.size(bccd) / 4);
    }

    @Test
    void anUnreadableFileIsReportedNotMirrored() throws Exception {
        Configuration conf = new Configuration();
        conf.set("fs." + SchemeFileSystem.SCHEME + ".impl", SchemeFileSystem.class.getName());
        HadoopFiles files = new HadoopFiles(conf);
        String root = SchemeFileSystem.uri(tmp);
        Iterator<HeaderMirror.Prefix> prefixes = new HeaderMirror.ReadHeaders(files, root)
                .call(List.of(new HadoopFiles.RemoteImage("gone.jpg", 10)).iterator());
        HeaderMirror.Prefix p = prefixes.next();
        assertThat(p.bytes()).isNull();
        assertThat(p.error()).contains("gone.jpg");
    }

    /** The header's size and format, or the error reading it gives. */
    private static String header(Path file) {
        try {
            return ImageHeaders.read(file).toString().replace(Long.toString(Files.size(file)), "SIZE");
        } catch (IOException e) {
            return "error " + e.getMessage();
        }
    }

    /** A JPEG with {@code count} APP2 segments of 65 533 bytes right after its start marker: the frame header comes late. */
    private static byte[] withAppSegments(byte[] jpeg, int count) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(jpeg, 0, 2);
        for (int i = 0; i < count; i++) {
            b.write(0xFF);
            b.write(0xE2);
            b.write(0xFF);
            b.write(0xFF);
            byte[] body = new byte[65533];
            Arrays.fill(body, (byte) 'x');
            b.write(body, 0, body.length);
        }
        b.write(jpeg, 2, jpeg.length - 2);
        return b.toByteArray();
    }
}
