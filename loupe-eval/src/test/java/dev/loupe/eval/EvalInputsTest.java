package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvalInputsTest {
    private static final ImageRecord IMAGE = new ImageRecord(3, "a.jpg", 40, 30, "jpeg", null, 10, "17");
    private static final Polygon TRIANGLE = Polygon.ofCocoParts(List.of(new double[] {2, 2, 20, 2, 2, 20}));

    @Test
    void polygonGroundTruthIsRasterizedAtTheImageSizeAndKeepsTheDeclaredArea() {
        Annotation a = new Annotation(5, 3, 2, new Geometry.PolygonShape(new Box(2, 2, 18, 18), TRIANGLE), false,
                161.5, null, null, "99");
        GroundTruth g = EvalInputs.groundTruth(a, IMAGE, IouType.SEGM);
        assertThat(g.mask()).isEqualTo(Rasterizer.fromPolygon(TRIANGLE, 30, 40));
        assertThat(g.area()).isEqualTo(161.5);
        assertThat(g.box()).isEqualTo(new Box(2, 2, 18, 18));
        assertThat(EvalInputs.groundTruth(a, IMAGE, IouType.BBOX).mask()).isNull();
    }

    @Test
    void groundTruthWithoutDeclaredAreaUsesTheMaskOrBox() {
        Annotation poly = new Annotation(5, 3, 2, new Geometry.PolygonShape(new Box(2, 2, 18, 18), TRIANGLE), true,
                null, null, null, null);
        GroundTruth g = EvalInputs.groundTruth(poly, IMAGE, IouType.BBOX);
        assertThat(g.area()).isEqualTo(Masks.area(Rasterizer.fromPolygon(TRIANGLE, 30, 40)));
        assertThat(g.crowd()).isTrue();
        Annotation box = Annotation.of(6, 3, 1, new Geometry.BoxShape(new Box(1, 1, 3, 4)), null);
        assertThat(EvalInputs.groundTruth(box, IMAGE, IouType.BBOX).area()).isEqualTo(12);
    }

    @Test
    void detectionsGetLoadResAreas() {
        Box b = new Box(1.5, 2, 10, 4.25);
        Detection boxDet = EvalInputs.detection(1, IMAGE, 2, new Geometry.BoxShape(b), .7, IouType.SEGM);
        assertThat(boxDet.area()).isEqualTo(42.5);
        assertThat(boxDet.mask()).isEqualTo(Rasterizer.fromBox(b, 30, 40));
        assertThat(boxDet.imageId()).isEqualTo(3);

        Rle rle = Rasterizer.fromPolygon(TRIANGLE, 30, 40);
        Detection maskDet = EvalInputs.detection(2, IMAGE, 2, new Geometry.MaskShape(Masks.toBox(rle), rle), .7,
                IouType.BBOX);
        assertThat(maskDet.area()).isEqualTo(Masks.area(rle));
        assertThat(maskDet.box()).isEqualTo(Masks.toBox(rle));
        assertThat(maskDet.mask()).isNull();
    }

    @Test
    void cocoOrderSortsByNumericSourceId() {
        List<ImageRecord> images = List.of(new ImageRecord(1, "a", 1, 1, null, null, 0, "10"),
                new ImageRecord(2, "b", 1, 1, null, null, 0, "9"), new ImageRecord(3, "c", 1, 1, null, null, 0, "100"));
        assertThat(EvalInputs.cocoImageOrder(images)).extracting(ImageRecord::id).containsExactly(2L, 1L, 3L);
        List<ImageRecord> named = List.of(new ImageRecord(2, "b", 1, 1, null, null, 0, "x"),
                new ImageRecord(1, "a", 1, 1, null, null, 0, "9"));
        assertThat(EvalInputs.cocoImageOrder(named)).extracting(ImageRecord::id).containsExactly(1L, 2L);
    }

    @Test
    void unusableInputsFailWithTheirId() {
        Annotation noClass = new Annotation(5, 3, null, new Geometry.BoxShape(new Box(0, 0, 1, 1)), false, null, null,
                null, null);
        assertThatThrownBy(() -> EvalInputs.groundTruth(noClass, IMAGE, IouType.BBOX))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("annotation 5");
        ImageRecord unsized = new ImageRecord(3, "broken.jpg", null, null, null, null, 10, null);
        Annotation poly = Annotation.of(7, 3, 1, new Geometry.PolygonShape(new Box(2, 2, 18, 18), TRIANGLE), "41");
        assertThatThrownBy(() -> EvalInputs.groundTruth(poly, unsized, IouType.SEGM))
                .isInstanceOf(LoupeException.class).hasMessageContaining("broken.jpg").hasMessageContaining("41");
        assertThatThrownBy(() -> Detection.ofBox(1, 1, 1, new Box(0, 0, 1, 1), Double.NaN))
                .hasMessageContaining("NaN");
    }
}
