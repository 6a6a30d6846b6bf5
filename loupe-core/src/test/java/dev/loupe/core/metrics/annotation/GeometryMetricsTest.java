package dev.loupe.core.metrics.annotation;

import static dev.loupe.core.metrics.annotation.Fixtures.alone;
import static dev.loupe.core.metrics.annotation.Fixtures.box;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.metrics.objects.GeometryObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeometryMetricsTest {
    private static double run(AnnotationMetric m, AnnotationContext c) {
        return m.compute(c);
    }

    @Test
    void sizeMetricsOfABox() {
        AnnotationContext c = alone(box(1, 1, 10, 20, 30, 15, 100, 50), 100, 50);
        assertThat(run(new Area(), c)).isEqualTo(450);
        assertThat(run(new RelativeArea(), c)).isEqualTo(450.0 / 5000);
        assertThat(run(new Width(), c)).isEqualTo(30);
        assertThat(run(new Height(), c)).isEqualTo(15);
        assertThat(run(new AspectRatio(), c)).isEqualTo(2);
    }

    @Test
    void areaOfAPolygonIsItsShoelaceAreaAndOfAMaskItsPixelCount() {
        // Triangle (0,0) (4,0) (0,3): area 6.
        assertThat(run(new Area(), alone(Fixtures.polygon(1, 1, 10, 10, 0, 0, 4, 0, 0, 3), 10, 10))).isEqualTo(6);
        GeometryObject m = Fixtures.mask(2, 1, new Rle(4, 5, new int[] {3, 4, 13}));
        assertThat(run(new Area(), alone(m, 5, 4))).isEqualTo(4);
        assertThat(run(new RelativeArea(), alone(m, 5, 4))).isEqualTo(4.0 / 20);
    }

    @Test
    void spatialMetricsAreMissingForImageLabels() {
        AnnotationContext c = alone(Fixtures.label(1, 1), 10, 10);
        for (AnnotationMetric m : List.of(new Area(), new RelativeArea(), new Width(), new Height(), new AspectRatio(),
                new BorderProximity())) {
            assertThat(m.compute(c)).as(m.descriptor().id()).isNaN();
        }
    }

    @Test
    void degenerateBoxesHaveZeroSizeAndNoAspectRatio() {
        AnnotationContext c = alone(box(1, 1, 5, 5, -3, 2, 100, 50), 100, 50);
        assertThat(run(new Area(), c)).isZero();
        assertThat(run(new Width(), c)).isZero();
        assertThat(run(new Height(), c)).isEqualTo(2);
        assertThat(run(new AspectRatio(), c)).isNaN();
        // Both sides negative: w·h is positive, but the box still has no area.
        assertThat(run(new Area(), alone(box(2, 1, 5, 5, -3, -2, 100, 50), 100, 50))).isZero();
    }

    @Test
    void borderProximityIsTheSmallestGapAsAShareOfItsImageSide() {
        // 200x100 image, box x 20..60, y 30..80: gaps 20/200 = 0.1, 30/100 = 0.3, 140/200 = 0.7, 20/100 = 0.2.
        assertThat(run(new BorderProximity(), alone(box(1, 1, 20, 30, 40, 50, 200, 100), 200, 100)))
                .isCloseTo(0.1, within(1e-15));
        // Touching the right border, and crossing the top border: 0.
        assertThat(run(new BorderProximity(), alone(box(2, 1, 160, 30, 40, 50, 200, 100), 200, 100))).isZero();
        assertThat(run(new BorderProximity(), alone(box(3, 1, 20, -5, 40, 50, 200, 100), 200, 100))).isZero();
        // Centred: 0.25 everywhere in a 4x4 image with a 2x2 box.
        assertThat(run(new BorderProximity(), alone(box(4, 1, 1, 1, 2, 2, 4, 4), 4, 4))).isEqualTo(0.25);
    }

    @Test
    void outOfBoundsAllowsAOneInAHundredThousandSlack() {
        OutOfBounds m = new OutOfBounds();
        assertThat(m.compute(alone(box(1, 1, 0, 0, 100, 50, 100, 50), 100, 50))).isZero();
        // 100.0009 on a 100-wide image: 0.0009 px over, within 1e-5 · 100 = 0.001.
        assertThat(m.compute(alone(box(2, 1, 0, 0, 100.0009, 50, 100, 50), 100, 50))).isZero();
        assertThat(m.compute(alone(box(3, 1, 0, 0, 100.002, 50, 100, 50), 100, 50))).isEqualTo(1);
        assertThat(m.compute(alone(box(4, 1, -1, 10, 5, 5, 100, 50), 100, 50))).isEqualTo(1);
        assertThat(m.compute(alone(box(5, 1, 10, 48, 5, 5, 100, 50), 100, 50))).isEqualTo(1);
        assertThat(m.compute(alone(box(6, 1, Double.NaN, 0, 5, 5, 100, 50), 100, 50))).isNaN();
    }

    @Test
    void degenerateFlagsBadBoxesAndEmptyPolygonsAndMasks() {
        Degenerate m = new Degenerate();
        assertThat(m.compute(alone(box(1, 1, 0, 0, 1, 1, 10, 10), 10, 10))).isZero();
        assertThat(m.compute(alone(box(2, 1, 0, 0, 0, 1, 10, 10), 10, 10))).isEqualTo(1);
        assertThat(m.compute(alone(box(3, 1, 0, 0, 2, -1, 10, 10), 10, 10))).isEqualTo(1);
        assertThat(m.compute(alone(box(4, 1, Double.POSITIVE_INFINITY, 0, 2, 1, 10, 10), 10, 10))).isEqualTo(1);
        assertThat(m.compute(alone(Fixtures.polygon(5, 1, 10, 10, 0, 0, 4, 0, 0, 3), 10, 10))).isZero();
        // Collinear vertices: no area.
        assertThat(m.compute(alone(Fixtures.polygon(6, 1, 10, 10, 0, 0, 2, 2, 4, 4), 10, 10))).isEqualTo(1);
        assertThat(m.compute(alone(Fixtures.polygon(7, 1, 10, 10, 0, 0, Double.NaN, 2, 4, 4), 10, 10))).isEqualTo(1);
        assertThat(m.compute(alone(Fixtures.mask(8, 1, Rle.empty(4, 5)), 5, 4))).isEqualTo(1);
        assertThat(m.compute(alone(Fixtures.mask(9, 1, new Rle(4, 5, new int[] {3, 1, 16})), 5, 4))).isZero();
    }

    @Test
    void duplicateOverlapIsTheBestSameClassIou() {
        // Boxes 1 and 2 (class 7): [0,4)x[0,4) and [1,5)x[0,4): intersection 3·4 = 12, union 16 + 16 − 12 = 20.
        // Box 3 (class 8) equals box 1 but is another class; box 4 (class 7) is far away.
        List<AnnotationContext> cs = Fixtures.image(20, 20, box(1, 7, 0, 0, 4, 4, 20, 20), box(2, 7, 1, 0, 4, 4, 20, 20),
                box(3, 8, 0, 0, 4, 4, 20, 20), box(4, 7, 10, 10, 4, 4, 20, 20));
        DuplicateOverlap dup = new DuplicateOverlap();
        MaxIou max = new MaxIou();
        assertThat(dup.compute(cs.get(0))).isCloseTo(0.6, within(1e-15));
        assertThat(dup.compute(cs.get(1))).isCloseTo(0.6, within(1e-15));
        assertThat(dup.compute(cs.get(2))).isZero();
        assertThat(dup.compute(cs.get(3))).isZero();
        // Any class: box 1 and box 3 are identical.
        assertThat(max.compute(cs.get(0))).isEqualTo(1);
        // Box 3 equals box 1.
        assertThat(max.compute(cs.get(2))).isEqualTo(1);
        assertThat(max.compute(cs.get(1))).isCloseTo(0.6, within(1e-15));
        assertThat(max.compute(cs.get(3))).isZero();
    }

    @Test
    void duplicateOverlapSkipsCrowdRegionsAndUnknownClasses() {
        List<AnnotationContext> cs = Fixtures.image(20, 20, box(1, 7, 0, 0, 4, 4, 20, 20),
                Fixtures.crowdBox(2, 7, 0, 0, 4, 4, 20, 20), box(3, null, 0, 0, 4, 4, 20, 20));
        DuplicateOverlap dup = new DuplicateOverlap();
        assertThat(dup.compute(cs.get(0))).isZero();
        assertThat(dup.compute(cs.get(1))).isNaN();
        assertThat(dup.compute(cs.get(2))).isNaN();
        assertThat(new MaxIou().compute(cs.get(0))).isEqualTo(1);
    }

    @Test
    void overlapBetweenABoxAndAPolygonUsesTheirPixels() {
        // Box [0,4)x[0,4) = 16 pixels; square polygon (2,0)-(6,4) rasterises to columns 2..5, rows 0..3 = 16 pixels.
        List<AnnotationContext> cs = Fixtures.image(10, 10, box(1, 7, 0, 0, 4, 4, 10, 10),
                Fixtures.polygon(2, 7, 10, 10, 2, 0, 6, 0, 6, 4, 2, 4));
        assertThat(new DuplicateOverlap().compute(cs.get(0))).isCloseTo(8.0 / 24, within(1e-15));
    }

    @Test
    void confidenceIsTheLabelsOrMissing() {
        dev.loupe.core.model.Annotation a = new dev.loupe.core.model.Annotation(1, 1, 1,
                new dev.loupe.core.model.Geometry.ImageLabel(), false, null, null, 0.8, null);
        assertThat(new Confidence().compute(alone(new GeometryObject(a, null, 5, 5), 5, 5))).isEqualTo(0.8);
        assertThat(new Confidence().compute(alone(box(2, 1, 0, 0, 1, 1, 5, 5), 5, 5))).isNaN();
        assertThat(new Confidence().descriptor().outliers()).isFalse();
    }

    @Test
    void randomIsDeterministicUniformAndNeverAnOutlier() {
        RandomBaseline m = new RandomBaseline();
        assertThat(m.descriptor().outliers()).isFalse();
        double first = m.compute(alone(box(12345, 1, 0, 0, 1, 1, 5, 5), 5, 5));
        assertThat(m.compute(alone(box(12345, 2, 3, 3, 1, 1, 5, 5), 5, 5))).isEqualTo(first);
        Set<Double> seen = new HashSet<>();
        int below = 0;
        int n = 10_000;
        for (long id = 1; id <= n; id++) {
            double v = RandomBaseline.uniform(id);
            assertThat(v).isBetween(0.0, 1.0).isLessThan(1.0);
            seen.add(v);
            if (v < 0.5) {
                below++;
            }
        }
        assertThat(seen).hasSize(n);
        // Binomial(10000, 0.5): sd 50; 5 sd either side.
        assertThat(below).isBetween(4750, 5250);
    }
}
