package dev.loupe.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.store.browse.Shape;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPartsTest {
    @TempDir
    Path tmp;

    /** A grey 200 x 100 image with a class-1 box at (40, 20, 80, 40): the thumbnail at 100 px has it at half scale. */
    @Test
    void thumbnailsDrawTheBoxInItsClassColourAtTheScaledPlace() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        BufferedImage grey = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(new Color(128, 128, 128));
        g.fillRect(0, 0, 200, 100);
        g.dispose();
        ImageIO.write(grey, "png", images.resolve("a.png").toFile());
        Shape box = new Shape(7, 1, "box", new double[] {40, 20, 80, 40}, null, null, null, null, null);
        Shape label = new Shape(8, 2, "label", null, null, null, null, null, null);
        String uri = LabelledThumbnail.dataUri(images, "a.png", List.of(box, label), Map.of(1, "cat", 2, "dog"), null, 100);
        assertThat(uri).startsWith("data:image/jpeg;base64,");
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1))));
        assertThat(t.getWidth()).isEqualTo(100);
        assertThat(t.getHeight()).isEqualTo(50);
        // the box's left edge at x = 20, from y = 10 to 30; its inside and the far corner stay grey
        // (antialiasing and JPEG's chroma subsampling blur a thin line over a pixel or two)
        assertThat(reddest(t, 18, 22, 20)).isGreaterThan(50);
        assertThat(reddest(t, 40, 40, 8, 12)).isGreaterThan(50);
        assertThat(reddest(t, 30, 50, 18, 22)).as("inside the box").isLessThan(15);
        assertThat(near(t.getRGB(40, 20), new Color(128, 128, 128))).isTrue();
        assertThat(near(t.getRGB(90, 45), new Color(128, 128, 128))).isTrue();
        // the image-level label is written in its class colour in the top-left corner
        Color dogs = Color.decode(ClassColours.of(2));
        int written = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 40; x++) {
                written += near(t.getRGB(x, y), dogs) ? 1 : 0;
            }
        }
        assertThat(written).isGreaterThan(5);
    }

    @Test
    void onlyRegularFilesInsideTheImagesFolderAreRead() throws Exception {
        Path images = Files.createDirectories(tmp.resolve("images"));
        Path outside = tmp.resolve("secret.png");
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", outside.toFile());
        Files.createSymbolicLink(images.resolve("link.png"), outside);
        assertThat(LabelledThumbnail.dataUri(images, "../secret.png", List.of(), Map.of(), null, 64)).isNull();
        assertThat(LabelledThumbnail.dataUri(images, "link.png", List.of(), Map.of(), null, 64)).isNull();
        assertThat(LabelledThumbnail.dataUri(images, "missing.png", List.of(), Map.of(), null, 64)).isNull();
        Files.writeString(images.resolve("text.png"), "not an image");
        assertThat(LabelledThumbnail.dataUri(images, "text.png", List.of(), Map.of(), null, 64)).isNull();
        assertThat(LabelledThumbnail.dataUri(images, outside.toString(), List.of(), Map.of(), null, 64)).isNull();
        // The rules are the server's (ImageFolder): a link that stays inside the folder is read.
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), "png", images.resolve("inside.png").toFile());
        Files.createSymbolicLink(images.resolve("alias.png"), images.resolve("inside.png"));
        assertThat(LabelledThumbnail.dataUri(images, "alias.png", List.of(), Map.of(), null, 64)).startsWith("data:image/jpeg;base64,");
    }

    @Test
    void textIsEscapedAndNumbersReadable() {
        assertThat(Html.text("<img src=x onerror=alert(1)> & \u001b[31mred")).isEqualTo("&lt;img src=x onerror=alert(1)&gt; &amp; [31mred");
        assertThat(Html.attr("a\"b'c")).isEqualTo("a&quot;b&#39;c");
        assertThat(Html.number(3.0)).isEqualTo("3");
        assertThat(Html.number(0.123456)).isEqualTo("0.1235");
        assertThat(Html.number(0.5)).isEqualTo("0.5");
        assertThat(Html.number(12345.678)).isEqualTo("1.235e+04");
        assertThat(Html.number((Double) null)).isEqualTo("–");
        assertThat(Html.number(Double.NaN)).isEqualTo("–");
    }

    @Test
    void histogramBarsAreProportionalToTheirCounts() {
        String svg = Svg.histogram(new double[] {0, 1, 2, 3}, new long[] {2, 4, 1}, 0.5, 9.0, 302, 118);
        // plot height 118 - 18 - 2 = 98: the tallest bar fills it, the others in proportion
        assertThat(svg).contains("height=\"98.0\"><title>1 to 2: 4</title>").contains("height=\"49.0\"><title>0 to 1: 2</title>")
                .contains("height=\"24.5\"><title>2 to 3: 1</title>");
        assertThat(svg.split("class=\"bound\"", -1)).as("only the bound inside the range").hasSize(2);
    }

    /** The largest red - (green + blue) / 2 over the pixels x0..x1 of row y. */
    private static int reddest(BufferedImage t, int x0, int x1, int y) {
        return reddest(t, x0, x1, y, y);
    }

    private static int reddest(BufferedImage t, int x0, int x1, int y0, int y1) {
        int best = Integer.MIN_VALUE;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int rgb = t.getRGB(x, y);
                best = Math.max(best, ((rgb >> 16) & 0xff) - (((rgb >> 8) & 0xff) + (rgb & 0xff)) / 2);
            }
        }
        return best;
    }

    private static boolean near(int rgb, Color c) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) < 90;
    }
}
