package dev.loupe.bench;

import dev.loupe.testkit.SyntheticCoco;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/**
 * A seeded synthetic COCO dataset for {@code bench scale}: every image its own JPEG of its own size
 * and content (a gradient of a random colour and brightness, one filled shape per label in a colour
 * of its class, a tenth drawn at a quarter size and scaled up so that they are blurry, a tenth very
 * dark), with 1 to 30 boxes each (most images few, some many: 1 + floor(30 u^2)), classes drawn from
 * 80 with a skew (class k about as often as 1/k). Sizes: 160-640 x 120-480 pixels, or 64-128 pixels
 * on a side from {@link #SMALL_FROM} images up, so that 10^6 images fit in a few GB. Image i depends
 * only on (seed, i): sizes are comparable across runs and machines.
 */
final class ScaleDataset {
    static final int CATEGORIES = 80;
    static final int SMALL_FROM = 500_000;

    private ScaleDataset() {
    }

    /** One image's labels. */
    record Box(int category, double x, double y, double w, double h) {
    }

    /** An image with its labels. */
    record Image(int id, String name, int width, int height, List<Box> boxes) {
    }

    /** What was written. */
    record Written(Path images, Path instances, long annotations, long bytes) {
    }

    static Image image(int id, int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 1_000_003L + id);
        boolean small = count >= SMALL_FROM;
        int w = small ? 64 + r.nextInt(65) : 160 + r.nextInt(481);
        int h = small ? 64 + r.nextInt(65) : 120 + r.nextInt(361);
        double u = r.nextDouble();
        int n = 1 + (int) Math.floor(30 * u * u);
        List<Box> boxes = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            double bw = 2 + r.nextDouble() * (w / 2.0);
            double bh = 2 + r.nextDouble() * (h / 2.0);
            double bx = r.nextDouble() * (w - bw);
            double by = r.nextDouble() * (h - bh);
            boxes.add(new Box(category(r), round(bx), round(by), round(bw), round(bh)));
        }
        return new Image(id, String.format("%03d/img_%07d.jpg", id % 1000, id), w, h, boxes);
    }

    /** Class k in 1..80 with weight about 1/k. */
    private static int category(SplittableRandom r) {
        double u = r.nextDouble();
        // inverse of the continuous 1/x law on [1, 81)
        return Math.min(CATEGORIES, (int) Math.floor(Math.exp(u * Math.log(CATEGORIES + 1.0))));
    }

    static BufferedImage pixels(Image im, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7_919L + im.id());
        boolean blurry = r.nextInt(10) == 0;
        boolean dark = r.nextInt(10) == 0;
        int scale = blurry ? 4 : 1;
        int w = Math.max(1, im.width() / scale);
        int h = Math.max(1, im.height() / scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        float level = dark ? 0.08f : 0.3f + 0.7f * (float) r.nextDouble();
        Color a = Color.getHSBColor((float) r.nextDouble(), (float) r.nextDouble() * 0.6f, level);
        Color b = Color.getHSBColor((float) r.nextDouble(), (float) r.nextDouble() * 0.6f, level * 0.6f);
        g.setPaint(new GradientPaint(0, 0, a, w, h, b));
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (Box box : im.boxes()) {
            float hue = box.category() / (float) CATEGORIES;
            g.setColor(Color.getHSBColor(hue, 0.8f, dark ? 0.15f : 0.9f));
            int x = (int) (box.x() / scale);
            int y = (int) (box.y() / scale);
            int bw = Math.max(1, (int) (box.w() / scale));
            int bh = Math.max(1, (int) (box.h() / scale));
            if (box.category() % 2 == 0) {
                g.fillOval(x, y, bw, bh);
            } else {
                g.fillRect(x, y, bw, bh);
            }
        }
        g.dispose();
        if (scale == 1) {
            return img;
        }
        BufferedImage full = new BufferedImage(im.width(), im.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D up = full.createGraphics();
        up.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        up.drawImage(img, 0, 0, im.width(), im.height(), null);
        up.dispose();
        return full;
    }

    /** Writes images/ (in parallel) and instances.json under dir. */
    static Written write(Path dir, int count, long seed) throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (int d = 0; d <= Math.min(count, 999); d++) {
            Files.createDirectories(images.resolve(String.format("%03d", d)));
        }
        AtomicLong bytes = new AtomicLong();
        IntStream.rangeClosed(1, count).parallel().forEach(id -> {
            Image im = image(id, count, seed);
            Path file = images.resolve(im.name());
            try {
                ImageIO.write(pixels(im, seed), "jpg", file.toFile());
                bytes.addAndGet(Files.size(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Path json = dir.resolve("instances.json");
        long annotations = 0;
        try (JsonGenerator gen = new JsonFactory().createGenerator(json.toFile(), JsonEncoding.UTF8)) {
            gen.writeStartObject();
            SyntheticCoco.categories(gen, CATEGORIES);
            gen.writeArrayFieldStart("images");
            for (int id = 1; id <= count; id++) {
                Image im = image(id, count, seed);
                gen.writeStartObject();
                gen.writeNumberField("id", id);
                gen.writeStringField("file_name", im.name());
                gen.writeNumberField("width", im.width());
                gen.writeNumberField("height", im.height());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("annotations");
            for (int id = 1; id <= count; id++) {
                for (Box b : image(id, count, seed).boxes()) {
                    annotations++;
                    gen.writeStartObject();
                    gen.writeNumberField("id", annotations);
                    gen.writeNumberField("image_id", id);
                    gen.writeNumberField("category_id", b.category());
                    gen.writeArrayFieldStart("bbox");
                    gen.writeNumber(b.x());
                    gen.writeNumber(b.y());
                    gen.writeNumber(b.w());
                    gen.writeNumber(b.h());
                    gen.writeEndArray();
                    gen.writeNumberField("area", round(b.w() * b.h()));
                    gen.writeNumberField("iscrowd", 0);
                    gen.writeEndObject();
                }
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        return new Written(images, json, annotations, bytes.get());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
