package dev.loupe.core.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectAndFileMetricsTest {
    /** A box object whose raster is its w×h window, fully inside. */
    record Box(int x0, int y0, int bw, int bh) implements ObjectView {
        public long id() {
            return 0;
        }

        public ShapeKind shape() {
            return ShapeKind.BOX;
        }

        public Integer classId() {
            return null;
        }

        public String className() {
            return null;
        }

        public boolean crowd() {
            return false;
        }

        public double confidence() {
            return Double.NaN;
        }

        public double x() {
            return x0;
        }

        public double y() {
            return y0;
        }

        public double w() {
            return bw;
        }

        public double h() {
            return bh;
        }

        public double area() {
            return (double) bw * bh;
        }

        public Raster raster() {
            boolean[] inside = new boolean[bw * bh];
            Arrays.fill(inside, true);
            return new Raster(x0, y0, bw, bh, inside);
        }

        public double iou(ObjectView other) {
            throw new UnsupportedOperationException();
        }
    }

    private static TestImages.Ctx ctx(List<ObjectView> objects) {
        return new TestImages.Ctx(TestImages.uniform(4, 4, 0, 0, 0), 1234, "a/b.jpg", objects);
    }

    @Test
    void densityCountsOverlappingPixelsOnce() {
        // 2×2 at (0,0) and 2×2 at (1,1) on 4×4: 4 + 4 − 1 shared = 7 of 16 pixels.
        TestImages.Ctx c = ctx(List.of(new Box(0, 0, 2, 2), new Box(1, 1, 2, 2)));
        assertThat(new ObjectDensity().compute(c)).isEqualTo(7 / 16.0);
        assertThat(new ObjectCount().compute(c)).isEqualTo(2);
    }

    @Test
    void imageWithoutObjectsHasDensityZero() {
        assertThat(new ObjectDensity().compute(ctx(List.of()))).isZero();
        assertThat(new ObjectCount().compute(ctx(List.of()))).isZero();
    }

    /** A classification image (only image-level labels) has no density; it read 0. */
    @Test
    void anImageWithOnlyImageLevelLabelsHasNoDensity() {
        ObjectView label = new dev.loupe.core.metrics.objects.GeometryObject(dev.loupe.core.model.Annotation.of(1, 1, 1,
                new dev.loupe.core.model.Geometry.ImageLabel(), null), "cat", 4, 4);
        assertThat(new ObjectDensity().compute(ctx(List.of(label)))).isNaN();
        assertThat(new ObjectDensity().compute(ctx(List.of(label, new Box(0, 0, 2, 2))))).isEqualTo(4 / 16.0);
    }

    @Test
    void emptyRastersCoverNothing() {
        assertThat(new ObjectDensity().compute(ctx(List.of(new Box(2, 2, 0, 0))))).isZero();
    }

    @Test
    void sizeMetricsComeFromTheContextWithoutPixels() {
        TestImages.Ctx c = new TestImages.Ctx(TestImages.uniform(6, 3, 0, 0, 0), 1234, "a.jpg", List.of());
        assertThat(new ImageWidth().compute(c)).isEqualTo(6);
        assertThat(new ImageHeight().compute(c)).isEqualTo(3);
        assertThat(new ImageArea().compute(c)).isEqualTo(18);
        assertThat(new AspectRatio().compute(c)).isEqualTo(2.0);
        assertThat(new FileSize().compute(c)).isEqualTo(1234);
        assertThat(new Channels().compute(c)).isEqualTo(3);
        assertThat(List.of(new ImageWidth(), new ImageHeight(), new ImageArea(), new AspectRatio(), new FileSize(),
                new ObjectCount(), new ObjectDensity(), new RandomBaseline()))
                .allSatisfy(m -> assertThat(m.needsPixels()).as(m.descriptor().id()).isFalse());
    }

    @Test
    void randomIsAStableFunctionOfThePathAndRoughlyUniform() {
        RandomBaseline random = new RandomBaseline();
        assertThat(random.compute(ctx(List.of()))).isEqualTo(random.compute(ctx(List.of())));
        assertThat(RandomBaseline.of("a/b.jpg")).isNotEqualTo(RandomBaseline.of("a/c.jpg"));
        assertThat(random.descriptor().outliers()).isFalse();
        int n = 20_000;
        double sum = 0;
        int[] deciles = new int[10];
        for (int i = 0; i < n; i++) {
            double v = RandomBaseline.of("images/" + i + ".jpg");
            assertThat(v).isBetween(0.0, 1.0).isNotEqualTo(1.0);
            sum += v;
            deciles[(int) (v * 10)]++;
        }
        assertThat(sum / n).isBetween(0.49, 0.51);
        for (int d : deciles) {
            assertThat(d).isBetween(1800, 2200);
        }
    }
}
