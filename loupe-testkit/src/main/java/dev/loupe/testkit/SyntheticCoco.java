package dev.loupe.testkit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes a synthetic COCO dataset: one real 640x480 JPEG hard-linked under every image name (so
 * that header reading is real but the disk cost is one file), and an instances JSON with boxes,
 * a fifth of them with a polygon, all inside their image, from a fixed seed.
 */
public final class SyntheticCoco {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 480;
    public static final int CATEGORIES = 80;

    private SyntheticCoco() {
    }

    /** Creates images/ and instances.json under dir; returns the JSON file. */
    public static Path write(Path dir, int images, long annotations) throws IOException {
        Path imageDir = Files.createDirectories(dir.resolve("images"));
        Path master = masterJpeg(dir);
        for (int i = 1; i <= images; i++) {
            Path link = imageDir.resolve(name(i));
            if (!Files.exists(link)) {
                Files.createLink(link, master);
            }
        }
        Path json = dir.resolve("instances.json");
        SplittableRandom random = new SplittableRandom(42);
        try (JsonGenerator gen = new JsonFactory().createGenerator(json.toFile(), JsonEncoding.UTF8)) {
            gen.writeStartObject();
            categories(gen, CATEGORIES);
            gen.writeArrayFieldStart("images");
            for (int i = 1; i <= images; i++) {
                gen.writeStartObject();
                gen.writeNumberField("id", i);
                gen.writeStringField("file_name", name(i));
                gen.writeNumberField("width", WIDTH);
                gen.writeNumberField("height", HEIGHT);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("annotations");
            for (long a = 1; a <= annotations; a++) {
                double w = 2 + random.nextDouble() * 200;
                double h = 2 + random.nextDouble() * 200;
                double x = random.nextDouble() * (WIDTH - w);
                double y = random.nextDouble() * (HEIGHT - h);
                gen.writeStartObject();
                gen.writeNumberField("id", a);
                gen.writeNumberField("image_id", 1 + (a - 1) % images);
                gen.writeNumberField("category_id", 1 + random.nextInt(CATEGORIES));
                gen.writeArrayFieldStart("bbox");
                gen.writeNumber(round(x));
                gen.writeNumber(round(y));
                gen.writeNumber(round(w));
                gen.writeNumber(round(h));
                gen.writeEndArray();
                gen.writeArrayFieldStart("segmentation");
                if (a % 5 == 0) {
                    gen.writeArray(new double[] {round(x), round(y), round(x + w), round(y), round(x + w / 2), round(y + h)}, 0, 6);
                }
                gen.writeEndArray();
                gen.writeNumberField("area", round(w * h));
                gen.writeNumberField("iscrowd", 0);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return json;
    }

    /**
     * Writes {@code dir/master.jpg}, the one real 640x480 JPEG that every synthetic image name is a
     * hard link to (header reading is real, the disk cost is one file); returns it.
     */
    public static Path masterJpeg(Path dir) throws IOException {
        Path master = dir.resolve("master.jpg");
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(90, 120, 160));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        ImageIO.write(img, "jpg", master.toFile());
        return master;
    }

    /** The categories array of a synthetic COCO file: ids 1..n named class1..classN. */
    public static void categories(JsonGenerator gen, int n) throws IOException {
        gen.writeArrayFieldStart("categories");
        for (int c = 1; c <= n; c++) {
            gen.writeStartObject();
            gen.writeNumberField("id", c);
            gen.writeStringField("name", "class" + c);
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    static String name(int i) {
        return String.format("img_%07d.jpg", i);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
