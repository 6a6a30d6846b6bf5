package dev.loupe.core.metrics.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.ObjectView;
import dev.loupe.api.ObjectView.Raster;
import dev.loupe.api.ShapeKind;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Iou;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GeometryObjectTest {
    static GeometryObject box(long id, double x, double y, double w, double h, int iw, int ih) {
        return new GeometryObject(Annotation.of(id, 1, 1, new Geometry.BoxShape(new Box(x, y, w, h)), null), "c", iw, ih);
    }

    static GeometryObject polygon(long id, int iw, int ih, double... xy) {
        Polygon p = new Polygon(List.of(Ring.of(xy)));
        return new GeometryObject(Annotation.of(id, 1, 1, new Geometry.PolygonShape(p.bounds(), p), null), "c", iw, ih);
    }

    static GeometryObject mask(long id, Rle rle) {
        Box b = dev.loupe.core.geometry.Masks.toBox(rle);
        return new GeometryObject(Annotation.of(id, 1, 1, new Geometry.MaskShape(b, rle), null), "c", rle.width(),
                rle.height());
    }

    /** The raster as a full-image row-major 0/1 array. */
    static byte[] fullImage(Raster r, int iw, int ih) {
        byte[] out = new byte[iw * ih];
        for (int y = 0; y < r.height(); y++) {
            for (int x = 0; x < r.width(); x++) {
                if (r.inside()[y * r.width() + x]) {
                    out[(r.y0() + y) * iw + r.x0() + x] = 1;
                }
            }
        }
        return out;
    }

    @Test
    void boxRasterHoldsThePixelsWhoseCentreIsInTheHalfOpenBox() {
        // x in [1.2, 3.2): centres 1.5 and 2.5; y in [0.5, 2.5): centres 0.5 and 1.5 (0.5 included).
        Raster r = box(1, 1.2, 0.5, 2.0, 2.0, 5, 4).raster();
        assertThat(List.of(r.x0(), r.y0(), r.width(), r.height())).containsExactly(1, 0, 2, 2);
        assertThat(r.count()).isEqualTo(4);
        // A box ending exactly on a centre excludes that pixel: [0, 2.5) holds centres 0.5, 1.5.
        assertThat(box(2, 0, 0, 2.5, 1, 5, 4).raster().width()).isEqualTo(2);
    }

    @Test
    void boxRasterIsClippedToTheImage() {
        Raster r = box(1, -2, -2, 4, 4, 3, 3).raster();
        assertThat(List.of(r.x0(), r.y0(), r.width(), r.height())).containsExactly(0, 0, 2, 2);
        assertThat(box(2, 10, 10, 4, 4, 3, 3).raster().count()).isZero();
        assertThat(box(3, 0, 0, Double.NaN, 4, 3, 3).raster().width()).isZero();
        assertThat(box(4, 0, 0, -1, 4, 3, 3).raster().count()).isZero();
    }

    @Test
    void integerBoxRasterEqualsCocoBoxRasterisation() {
        Box b = new Box(2, 1, 5, 3);
        GeometryObject o = box(1, b.x(), b.y(), b.w(), b.h(), 9, 7);
        assertThat(fullImage(o.raster(), 9, 7)).isEqualTo(RleCodec.decodeRowMajor(Rasterizer.fromBox(b, 7, 9)));
    }

    @Test
    void polygonRasterIsTheCocoRasterisationCroppedToItsWindow() {
        double[] xy = {1.3, 0.7, 8.2, 2.1, 4.4, 6.9};
        GeometryObject o = polygon(1, 10, 8, xy);
        Raster r = o.raster();
        byte[] expected = RleCodec.decodeRowMajor(Rasterizer.fromPolygon(new Polygon(List.of(Ring.of(xy))), 8, 10));
        assertThat(fullImage(r, 10, 8)).isEqualTo(expected);
        // Cropped: every window row and column holds a pixel.
        assertThat(r.width()).isLessThan(10);
        assertThat(r.count()).isEqualTo(sum(expected));
    }

    @Test
    void maskRasterIsItsForegroundCroppedToItsWindow() {
        // 5x4 image, an L shape: (1,1), (1,2), (2,2) (x, y).
        boolean[] rowMajor = new boolean[20];
        rowMajor[1 * 5 + 1] = true;
        rowMajor[2 * 5 + 1] = true;
        rowMajor[2 * 5 + 2] = true;
        Raster r = mask(1, RleCodec.encodeRowMajor(rowMajor, 4, 5)).raster();
        assertThat(List.of(r.x0(), r.y0(), r.width(), r.height())).containsExactly(1, 1, 2, 2);
        assertThat(r.inside()).containsExactly(true, false, true, true);
    }

    @Test
    void maskRunSpanningColumnsIsSplitIntoColumns() {
        // 3 rows x 3 cols, column-major runs: 2 zeros, 3 ones (rows 2 of col 0, rows 0-1 of col 1), rest zeros.
        Rle rle = new Rle(3, 3, new int[] {2, 3, 4});
        Raster r = mask(1, rle).raster();
        assertThat(List.of(r.x0(), r.y0(), r.width(), r.height())).containsExactly(0, 0, 2, 3);
        assertThat(fullImage(r, 3, 3)).isEqualTo(RleCodec.decodeRowMajor(rle));
    }

    @Test
    void areaIsPerShape() {
        assertThat(box(1, 0, 0, 2, 3, 9, 9).area()).isEqualTo(6);
        // Right triangle with legs 4 and 3.
        assertThat(polygon(2, 9, 9, 0, 0, 4, 0, 0, 3).area()).isEqualTo(6);
        assertThat(mask(3, new Rle(3, 3, new int[] {2, 3, 4})).area()).isEqualTo(3);
        GeometryObject label = new GeometryObject(Annotation.of(4, 1, 1, new Geometry.ImageLabel(), null), "c", 9, 9);
        assertThat(label.area()).isNaN();
        assertThat(label.x()).isNaN();
        assertThat(label.raster().count()).isZero();
        assertThat(label.shape()).isEqualTo(ShapeKind.LABEL);
    }

    @Test
    void exposesTheAnnotationsAttributes() {
        Annotation a = new Annotation(7, 3, 5, new Geometry.BoxShape(new Box(1, 2, 3, 4)), true, null, null, 0.25, "s");
        GeometryObject o = new GeometryObject(a, "cat", 10, 10);
        assertThat(o.id()).isEqualTo(7);
        assertThat(o.classId()).isEqualTo(5);
        assertThat(o.className()).isEqualTo("cat");
        assertThat(o.crowd()).isTrue();
        assertThat(o.confidence()).isEqualTo(0.25);
        assertThat(List.of(o.x(), o.y(), o.w(), o.h())).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(box(8, 0, 0, 1, 1, 2, 2).confidence()).isNaN();
        assertThatThrownBy(() -> new GeometryObject(a, "cat", -1, 10)).hasMessageContaining("annotation 7");
    }

    @Test
    void boxIouIsCocoBoxIou() {
        // [0,4)x[0,4) and [2,6)x[0,4): intersection 2·4 = 8, union 16 + 16 − 8 = 24.
        assertThat(box(1, 0, 0, 4, 4, 10, 10).iou(box(2, 2, 0, 4, 4, 10, 10))).isCloseTo(1.0 / 3, within(1e-15));
        // Touching edges do not overlap.
        assertThat(box(1, 0, 0, 4, 4, 10, 10).iou(box(2, 4, 0, 4, 4, 10, 10))).isZero();
    }

    @Test
    void iouWithAnImageLabelIsZero() {
        GeometryObject label = new GeometryObject(Annotation.of(4, 1, 1, new Geometry.ImageLabel(), null), "c", 9, 9);
        GeometryObject b = box(1, 0, 0, 9, 9, 9, 9);
        assertThat(b.iou(label)).isZero();
        assertThat(label.iou(b)).isZero();
    }

    @Test
    void mixedShapeIouEqualsMaskApiIouOfTheFullImageMasks() {
        Random rnd = new Random(42);
        int iw = 23;
        int ih = 17;
        for (int trial = 0; trial < 200; trial++) {
            double[] xy = new double[2 * (3 + rnd.nextInt(4))];
            for (int i = 0; i < xy.length; i += 2) {
                xy[i] = rnd.nextDouble() * (iw + 4) - 2;
                xy[i + 1] = rnd.nextDouble() * (ih + 4) - 2;
            }
            GeometryObject poly = polygon(1, iw, ih, xy);
            Rle polyRle = Rasterizer.fromPolygon(new Polygon(List.of(Ring.of(xy))), ih, iw);
            Box b = new Box(rnd.nextInt(iw) - 2, rnd.nextInt(ih) - 2, 1 + rnd.nextInt(12), 1 + rnd.nextInt(12));
            GeometryObject bx = box(2, b.x(), b.y(), b.w(), b.h(), iw, ih);
            Rle boxRle = Rasterizer.fromBox(b, ih, iw);
            GeometryObject m = mask(3, boxRle);
            double expected = Iou.mask(polyRle, boxRle, false);
            assertThat(poly.iou(bx)).as("trial %d", trial).isCloseTo(expected, within(1e-12));
            assertThat(bx.iou(poly)).as("trial %d", trial).isCloseTo(expected, within(1e-12));
            assertThat(m.iou(poly)).as("trial %d", trial).isCloseTo(expected, within(1e-12));
        }
    }

    @Test
    void iouAcceptsAnyObjectView() {
        GeometryObject a = polygon(1, 10, 10, 0, 0, 4, 0, 4, 4, 0, 4);
        ObjectView plain = new ObjectView() {
            private final GeometryObject inner = box(2, 2, 0, 4, 4, 10, 10);

            public long id() { return 2; }
            public ShapeKind shape() { return ShapeKind.MASK; }
            public Integer classId() { return 1; }
            public String className() { return null; }
            public boolean crowd() { return false; }
            public double confidence() { return Double.NaN; }
            public double x() { return 2; }
            public double y() { return 0; }
            public double w() { return 4; }
            public double h() { return 4; }
            public double area() { return 16; }
            public Raster raster() { return inner.raster(); }
            public double iou(ObjectView other) { return inner.iou(other); }
        };
        assertThat(a.iou(plain)).isCloseTo(1.0 / 3, within(1e-15));
    }

    private static int sum(byte[] b) {
        int n = 0;
        for (byte v : b) {
            n += v;
        }
        return n;
    }
}
