package dev.loupe.store.browse;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.api.ValueKind;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.metrics.MetricRunTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scatter grid on seven images whose counts are worked out by hand: image i has width 10·i
 * (metric image.test_width) and image.test_third = i % 3, except image 7, which has no third (NaN).
 * Images 1..3 are in split train.
 */
class ScatterQueryTest {
    @TempDir
    Path tmp;
    ProjectStore store;

    /** image.test_third: the image id modulo 3 from the width; NaN for image 7. */
    static final class Third implements ImageMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_third", "t", "third", ValueKind.REAL, Direction.NONE);
        }

        @Override
        public double compute(ImageContext image) {
            int i = image.width() / 10;
            return i == 7 ? Double.NaN : i % 3;
        }

        @Override
        public boolean needsPixels() {
            return false;
        }
    }

    @BeforeEach
    void create() {
        Path project = tmp.resolve("p");
        ProjectStore.create(project, new ImportSource("coco", tmp, null, Map.of()), sink -> {
            sink.category(new Category(1, "a", null, null));
            for (int i = 1; i <= 7; i++) {
                sink.image(new ImageRecord(i, "img" + i + ".jpg", 10 * i, 5, "jpeg", i <= 3 ? "train" : null, 100, null));
            }
        });
        store = ProjectStore.open(project);
        new MetricRunner(store.metrics().analysis(), 1, ProgressListener.NONE).run(List.of(new MetricRunTest.Width(), new Third()), Map.of());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void countsByHand() {
        Scatter s = store.browse().scatter(ItemFilter.all(Scope.IMAGE), "image.test_width", "image.test_third", 3, List.of());
        // Points (10,1) (20,2) (30,0) (40,1) (50,2) (60,0); image 7 has no third.
        assertThat(s.count()).isEqualTo(6);
        assertThat(s.missing()).isEqualTo(1);
        assertThat(List.of(s.xMin(), s.xMax(), s.yMin(), s.yMax())).containsExactly(10.0, 60.0, 0.0, 2.0);
        // x bins of width 50/3: [10, 26.7) holds 10, 20; [26.7, 43.3) 30, 40; [43.3, 60] 50, 60.
        // y bins of width 2/3: 0 → bin 0, 1 → bin 1 (1·3/2 = 1.5), 2 (the max) → bin 2.
        assertThat(s.counts()).isDeepEqualTo(new long[][] {
            {0, 1, 1}, // 10 → y 1, 20 → y 2
            {1, 1, 0}, // 30 → y 0, 40 → y 1
            {1, 0, 1}, // 50 → y 2, 60 → y 0
        });
    }

    @Test
    void followsTheFilterAndItsBounds() {
        ItemFilter train = new ItemFilter(Scope.IMAGE, List.of(), List.of(), List.of(), List.of(), List.of("train"));
        Scatter s = store.browse().scatter(train, "image.test_width", "image.test_third", 2, List.of());
        // Train: (10,1) (20,2) (30,0); x bounds 10..30, y 0..2; 20 sits on the x midpoint → bin 1, y 1 → bin 1.
        assertThat(s.count()).isEqualTo(3);
        assertThat(s.missing()).isZero();
        assertThat(List.of(s.xMin(), s.xMax())).containsExactly(10.0, 30.0);
        assertThat(s.counts()).isDeepEqualTo(new long[][] {{0, 1}, {1, 1}});
        ItemFilter seventh = new ItemFilter(Scope.IMAGE, List.of(new ItemFilter.MetricRange("image.test_width", 65.0, null)),
                List.of(), List.of(), List.of(), List.of());
        Scatter none = store.browse().scatter(seventh, "image.test_width", "image.test_third", 4, List.of());
        assertThat(none.count()).isZero();
        assertThat(none.missing()).isEqualTo(1);
        assertThat(none.xMin()).isNull();
        assertThat(none.counts()).isEmpty();
        // One metric against itself: the diagonal.
        Scatter same = store.browse().scatter(ItemFilter.all(Scope.IMAGE), "image.test_width", "image.test_width", 6, List.of());
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertThat(same.counts()[i][j]).as("cell %d,%d", i, j).isEqualTo(i == j ? (i == 5 ? 2 : 1) : 0);
            }
        }
    }

    @Test
    void rejectsUnknownMetricsAndBins() {
        assertThatThrownBy(() -> store.browse().scatter(ItemFilter.all(Scope.IMAGE), "image.test_width", "image.nope\"; DROP", 8, List.of()))
                .isInstanceOf(LoupeException.class).hasMessageContaining("unknown image metric");
        assertThatThrownBy(() -> store.browse().scatter(ItemFilter.all(Scope.IMAGE), "image.test_width", "image.test_third", 0, List.of()))
                .isInstanceOf(LoupeException.class).hasMessageContaining("bins must be between 1 and 200");
    }
}
