package dev.loupe.testkit;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.ImageContext;
import dev.loupe.api.PixelImage;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.metrics.objects.GeometryObject;
import dev.loupe.core.metrics.objects.SimpleAnnotationContext;
import dev.loupe.core.metrics.objects.SimpleImageContext;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The odd inputs every metric must survive: images of 1x1, 2x300 and 300x1 pixels, one colour,
 * black, a grey checkerboard, seeded noise, and on each image objects of every shape at its edges:
 * a 1x1 box in a corner, a box that runs past the image, a box of zero width, a crowd box, a
 * triangle, a mask and an image-level label. Each call builds fresh instances, so that a metric
 * that caches derived planes on an image cannot pass values from one call to the next.
 */
public final class MetricSamples {
    private MetricSamples() {
    }

    /** One sample image with its objects. */
    public record Sample(String name, PixelImage pixels, List<GeometryObject> objects) {
        /** The image as an image metric sees it. */
        public ImageContext imageContext() {
            return new SimpleImageContext(pixels, pixels.width(), pixels.height(), 3L * pixels.width() * pixels.height(),
                    name + ".png", objects);
        }

        /** Each object as an annotation metric sees it, the others of the image beside it. */
        public List<AnnotationContext> annotationContexts() {
            return SimpleAnnotationContext.forImage(objects, pixels.width(), pixels.height(), pixels);
        }
    }

    /** The samples, built anew. */
    public static List<Sample> all() {
        List<Sample> out = new ArrayList<>();
        out.add(sample("one-pixel", uniform(1, 1, 200, 10, 90)));
        out.add(sample("black-1x1", uniform(1, 1, 0, 0, 0)));
        out.add(sample("checkerboard", checkerboard(8, 6)));
        out.add(sample("noise", noise(97, 65, 7)));
        out.add(sample("tall", noise(2, 300, 11)));
        out.add(sample("wide-white", uniform(300, 1, 255, 255, 255)));
        out.add(sample("grey-gradient", gradient(64, 48)));
        return out;
    }

    /** An image as an image metric sees it, without objects: for a metric's own hand-computed cases. */
    public static ImageContext imageContext(PixelImage pixels) {
        return new SimpleImageContext(pixels, pixels.width(), pixels.height(), 3L * pixels.width() * pixels.height(),
                "image.png", List.of());
    }

    private static Sample sample(String name, PixelImage px) {
        int w = px.width();
        int h = px.height();
        List<GeometryObject> objects = new ArrayList<>();
        objects.add(object(1, 1, new Geometry.BoxShape(new Box(0, 0, 1, 1)), false, w, h));
        objects.add(object(2, 2, new Geometry.BoxShape(new Box(w / 2.0, h / 2.0, w, h)), false, w, h));
        objects.add(object(3, 1, new Geometry.BoxShape(new Box(0, 0, 0, h)), false, w, h));
        objects.add(object(4, 2, new Geometry.BoxShape(new Box(0, 0, w, h)), true, w, h));
        Polygon triangle = new Polygon(List.of(Ring.of(0, 0, w, 0, 0, h)));
        objects.add(object(5, 1, new Geometry.PolygonShape(triangle.bounds(), triangle), false, w, h));
        Rle mask = corner(h, w);
        objects.add(object(6, 2, new Geometry.MaskShape(Masks.toBox(mask), mask), false, w, h));
        objects.add(object(7, 1, new Geometry.ImageLabel(), false, w, h));
        return new Sample(name, px, objects);
    }

    private static GeometryObject object(long id, int classId, Geometry g, boolean crowd, int w, int h) {
        Double confidence = id % 2 == 0 ? 0.25 * (id / 2) : null;
        Annotation a = new Annotation(id, 1, classId, g, crowd, null, null, confidence, null);
        return new GeometryObject(a, classId == 1 ? "cat" : "dog", w, h);
    }

    /** A mask of the image's top-left quarter (at least one pixel), column-major as COCO's RLE. */
    private static Rle corner(int h, int w) {
        int qw = Math.max(1, w / 2);
        int qh = Math.max(1, h / 2);
        List<Integer> counts = new ArrayList<>();
        int run = 0;
        boolean inside = false;
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                boolean in = x < qw && y < qh;
                if (in != inside) {
                    counts.add(run);
                    run = 0;
                    inside = in;
                }
                run++;
            }
        }
        counts.add(run);
        return new Rle(h, w, counts.stream().mapToInt(Integer::intValue).toArray());
    }

    private static PixelImage uniform(int w, int h, int r, int g, int b) {
        byte[] px = new byte[3 * w * h];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) r;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) b;
        }
        return new PixelImage(w, h, px, 3, 8, false);
    }

    private static PixelImage checkerboard(int w, int h) {
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = (byte) ((x + y) % 2 == 0 ? 0 : 255);
                int o = 3 * (y * w + x);
                px[o] = v;
                px[o + 1] = v;
                px[o + 2] = v;
            }
        }
        return new PixelImage(w, h, px, 1, 8, false);
    }

    private static PixelImage gradient(int w, int h) {
        byte[] px = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                byte v = (byte) (255 * x / (w - 1));
                int o = 3 * (y * w + x);
                px[o] = v;
                px[o + 1] = v;
                px[o + 2] = v;
            }
        }
        return new PixelImage(w, h, px, 1, 8, false);
    }

    private static PixelImage noise(int w, int h, long seed) {
        byte[] px = new byte[3 * w * h];
        new SplittableRandom(seed).nextBytes(px);
        return new PixelImage(w, h, px, 3, 8, false);
    }
}
