package dev.loupe.core.metrics.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.ObjectView;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.metrics.annotation.DuplicateOverlap;
import dev.loupe.core.metrics.annotation.MaxIou;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OverlapIndexTest {
    private static final int W = 120;
    private static final int H = 90;

    @Test
    void largestIouValuesAreThoseOfAllPairsOnRandomObjects() {
        for (long seed = 1; seed <= 40; seed++) {
            List<ObjectView> objects = randomObjects(new Random(seed), 1 + (int) (seed * 7 % 150));
            List<AnnotationContext> indexed = SimpleAnnotationContext.forImage(objects, W, H, null);
            for (int i = 0; i < objects.size(); i++) {
                List<ObjectView> others = new ArrayList<>(objects);
                others.remove(i);
                // the public constructor has no index: overlapping() is every other object
                AnnotationContext allPairs = new SimpleAnnotationContext(objects.get(i), others, W, H, null);
                for (AnnotationMetric m : List.of(new MaxIou(), new DuplicateOverlap())) {
                    // boxed: the same double bits, NaN (crowd, no class) included
                    assertThat(Double.valueOf(m.compute(indexed.get(i))))
                            .as("seed %d, object %d, %s", seed, i, m.descriptor().id()).isEqualTo(Double.valueOf(m.compute(allPairs)));
                }
            }
        }
    }

    @Test
    void everyPairWithPositiveIouIsACandidateAndFarPairsAreNot() {
        List<ObjectView> objects = randomObjects(new Random(99), 300);
        OverlapIndex index = new OverlapIndex(objects);
        long candidates = 0;
        for (int i = 0; i < objects.size(); i++) {
            Set<Long> ids = new HashSet<>();
            for (ObjectView o : index.overlapping(i)) {
                assertThat(ids.add(o.id())).as("object %d reported twice for %d", o.id(), i).isTrue();
            }
            assertThat(ids).doesNotContain(objects.get(i).id());
            candidates += ids.size();
            for (int j = 0; j < objects.size(); j++) {
                if (j != i && objects.get(i).iou(objects.get(j)) > 0) {
                    ObjectView other = objects.get(j);
                    // an exact copy of a listed box may be left out
                    assertThat(index.overlapping(i)).as("pair %d, %d", i, j)
                            .anyMatch(o -> o.id() == other.id() || sameBox(o, other));
                }
            }
        }
        assertThat(candidates).as("the grid leaves out far pairs").isLessThan(300L * 299 / 4);
    }

    @Test
    void manySmallBoxesCostTheirNeighboursNotAllPairs() {
        List<ObjectView> objects = new ArrayList<>();
        for (int k = 0; k < 10_000; k++) {
            objects.add(box(k + 1, k % 100 * 10, k / 100 * 10, 5, 5, 1, false));
        }
        OverlapIndex index = new OverlapIndex(objects);
        long candidates = 0;
        for (int i = 0; i < objects.size(); i++) {
            candidates += index.overlapping(i).size();
        }
        assertThat(candidates).isZero();
    }

    @Test
    void aStackOfIdenticalBoxesListsOneCopyOfEachClass() {
        List<ObjectView> objects = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            objects.add(box(k + 1, 10, 10, 5, 5, 1 + k % 2, false));
        }
        objects.add(box(20_001, 12, 12, 5, 5, 1, false));
        OverlapIndex index = new OverlapIndex(objects);
        for (int i = 0; i < objects.size(); i++) {
            ObjectView self = objects.get(i);
            assertThat(index.overlapping(i)).as("object %d", i).hasSize(i < 20_000 ? 3 : 2).doesNotContain(self);
        }
        List<AnnotationContext> cs = SimpleAnnotationContext.forImage(objects, W, H, null);
        assertThat(new MaxIou().compute(cs.get(0))).isEqualTo(1.0);
        assertThat(new DuplicateOverlap().compute(cs.get(1))).isEqualTo(1.0);
        assertThat(new MaxIou().compute(cs.get(20_000))).isEqualTo(9.0 / 41);
        assertThat(new DuplicateOverlap().compute(cs.get(20_000))).isEqualTo(9.0 / 41);
    }

    private static boolean sameBox(ObjectView a, ObjectView b) {
        return a.shape() == b.shape() && a.x() == b.x() && a.y() == b.y() && a.w() == b.w() && a.h() == b.h()
                && java.util.Objects.equals(a.classId(), b.classId()) && a.crowd() == b.crowd();
    }

    /** Boxes small and large, degenerate, NaN and infinite ones, polygons, masks and labels. */
    private static List<ObjectView> randomObjects(Random r, int n) {
        List<ObjectView> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            long id = k + 1;
            int cls = 1 + r.nextInt(3);
            boolean crowd = r.nextInt(10) == 0;
            int kind = r.nextInt(20);
            double x = r.nextDouble() * (W + 20) - 10;
            double y = r.nextDouble() * (H + 20) - 10;
            double w = r.nextInt(4) == 0 ? r.nextDouble() * W : r.nextDouble() * 12;
            double h = r.nextInt(4) == 0 ? r.nextDouble() * H : r.nextDouble() * 12;
            if (kind == 0) {
                out.add(box(id, r.nextBoolean() ? Double.NaN : x, y, r.nextBoolean() ? Double.POSITIVE_INFINITY : w, h, cls,
                        crowd));
            } else if (kind == 1) {
                out.add(box(id, x, y, -w, h, cls, crowd));
            } else if (kind == 2) {
                out.add(new GeometryObject(Annotation.of(id, 1, cls, new Geometry.ImageLabel(), null), "c", W, H));
            } else if (kind <= 5) {
                Polygon p = new Polygon(List.of(Ring.of(x, y, x + w, y + r.nextDouble() * h, x + r.nextDouble() * w, y + h)));
                out.add(new GeometryObject(new Annotation(id, 1, cls, new Geometry.PolygonShape(p.bounds(), p), crowd, null,
                        null, null, null), "c", W, H));
            } else if (kind <= 7) {
                Box b = new Box(Math.floor(x), Math.floor(y), Math.ceil(w), Math.ceil(h));
                out.add(new GeometryObject(new Annotation(id, 1, cls, new Geometry.MaskShape(b, Rasterizer.fromBox(b, H, W)),
                        crowd, null, null, null, null), "c", W, H));
            } else if (kind == 8 && !out.isEmpty()) {
                ObjectView twin = out.get(r.nextInt(out.size()));
                out.add(box(id, twin.x(), twin.y(), twin.w(), twin.h(), cls, crowd));
            } else {
                out.add(box(id, x, y, w, h, cls, crowd));
            }
        }
        return out;
    }

    private static GeometryObject box(long id, double x, double y, double w, double h, int cls, boolean crowd) {
        return new GeometryObject(new Annotation(id, 1, cls, new Geometry.BoxShape(new Box(x, y, w, h)), crowd, null, null,
                null, null), "c", W, H);
    }
}
