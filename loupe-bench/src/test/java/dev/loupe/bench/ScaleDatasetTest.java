package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic dataset of bench scale: what its documentation promises. */
class ScaleDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void imagesDependOnlyOnSeedAndIdWithOneToThirtyBoxesInside() {
        int[] perCount = new int[31];
        Map<Integer, Integer> classes = new HashMap<>();
        for (int id = 1; id <= 2000; id++) {
            ScaleDataset.Image im = ScaleDataset.image(id, 10_000, 14);
            assertThat(ScaleDataset.image(id, 10_000, 14)).isEqualTo(im);
            assertThat(im.width()).isBetween(160, 640);
            assertThat(im.height()).isBetween(120, 480);
            assertThat(im.boxes().size()).isBetween(1, 30);
            perCount[im.boxes().size()]++;
            for (ScaleDataset.Box b : im.boxes()) {
                assertThat(b.x()).isGreaterThanOrEqualTo(0);
                assertThat(b.y()).isGreaterThanOrEqualTo(0);
                assertThat(b.x() + b.w()).isLessThanOrEqualTo(im.width() + 0.01);
                assertThat(b.y() + b.h()).isLessThanOrEqualTo(im.height() + 0.01);
                assertThat(b.w()).isGreaterThanOrEqualTo(2);
                classes.merge(b.category(), 1, Integer::sum);
            }
        }
        // 1 + floor(30 u^2): P(1 box) = P(u < sqrt(1/30)) = 0.183; P(30 boxes) = 1 - sqrt(29/30) = 0.0168
        assertThat(perCount[1] / 2000.0).isBetween(0.15, 0.22);
        assertThat(perCount[30]).isBetween(15, 60);
        // class k about as often as 1/k: class 1 well above class 40
        assertThat(classes.get(1)).isGreaterThan(5 * classes.getOrDefault(40, 1));
        assertThat(classes.keySet()).allMatch(k -> k >= 1 && k <= ScaleDataset.CATEGORIES);
    }

    @Test
    void largeSetsUseSmallImages() {
        ScaleDataset.Image im = ScaleDataset.image(7, ScaleDataset.SMALL_FROM, 14);
        assertThat(im.width()).isBetween(64, 128);
        assertThat(im.height()).isBetween(64, 128);
    }

    @Test
    void writesReadableJpegsAndTheirCocoFile() throws Exception {
        ScaleDataset.Written w = ScaleDataset.write(tmp, 25, 14);
        JsonNode coco = new ObjectMapper().readTree(w.instances().toFile());
        assertThat(coco.get("images")).hasSize(25);
        assertThat(coco.get("annotations")).hasSize((int) w.annotations());
        assertThat(coco.get("categories")).hasSize(ScaleDataset.CATEGORIES);
        for (JsonNode image : coco.get("images")) {
            BufferedImage img = ImageIO.read(w.images().resolve(image.get("file_name").asText()).toFile());
            assertThat(img.getWidth()).isEqualTo(image.get("width").asInt());
            assertThat(img.getHeight()).isEqualTo(image.get("height").asInt());
        }
        assertThat(w.bytes()).isEqualTo(Files.walk(w.images()).filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum());
    }
}
