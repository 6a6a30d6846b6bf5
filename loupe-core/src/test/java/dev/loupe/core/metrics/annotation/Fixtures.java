package dev.loupe.core.metrics.annotation;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.ObjectView;
import dev.loupe.api.PixelImage;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.metrics.objects.GeometryObject;
import dev.loupe.core.metrics.objects.SimpleAnnotationContext;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import java.util.List;

/** Small objects and contexts for the metric tests. */
final class Fixtures {
    private Fixtures() {
    }

    static GeometryObject box(long id, Integer cls, double x, double y, double w, double h, int iw, int ih) {
        return new GeometryObject(Annotation.of(id, 1, cls, new Geometry.BoxShape(new Box(x, y, w, h)), null), null,
                iw, ih);
    }

    static GeometryObject crowdBox(long id, Integer cls, double x, double y, double w, double h, int iw, int ih) {
        Annotation a = new Annotation(id, 1, cls, new Geometry.BoxShape(new Box(x, y, w, h)), true, null, null, null,
                null);
        return new GeometryObject(a, null, iw, ih);
    }

    static GeometryObject polygon(long id, Integer cls, int iw, int ih, double... xy) {
        Polygon p = new Polygon(List.of(Ring.of(xy)));
        return new GeometryObject(Annotation.of(id, 1, cls, new Geometry.PolygonShape(p.bounds(), p), null), null, iw,
                ih);
    }

    static GeometryObject mask(long id, Integer cls, Rle rle) {
        return new GeometryObject(Annotation.of(id, 1, cls, new Geometry.MaskShape(Masks.toBox(rle), rle), null), null,
                rle.width(), rle.height());
    }

    static GeometryObject label(long id, Integer cls) {
        return new GeometryObject(Annotation.of(id, 1, cls, new Geometry.ImageLabel(), null), null, 10, 10);
    }

    /** The context of the object alone in an iw x ih image without pixels. */
    static AnnotationContext alone(ObjectView o, int iw, int ih) {
        return new SimpleAnnotationContext(o, List.of(), iw, ih, null);
    }

    static AnnotationContext withPixels(ObjectView o, PixelImage px) {
        return new SimpleAnnotationContext(o, List.of(), px.width(), px.height(), px);
    }

    /** Contexts for all objects of one image. */
    static List<AnnotationContext> image(int iw, int ih, ObjectView... objects) {
        return SimpleAnnotationContext.forImage(List.of(objects), iw, ih, null);
    }

    /** An image from rows of RGB triples. */
    static PixelImage rgb(int w, int h, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return new PixelImage(w, h, b, 3, 8, false);
    }
}
