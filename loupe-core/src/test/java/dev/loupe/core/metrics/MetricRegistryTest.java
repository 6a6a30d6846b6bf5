package dev.loupe.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import dev.loupe.core.LoupeException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
    record Fixed(String id) implements ImageMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image(id, id, id, ValueKind.REAL, Direction.NONE);
        }

        @Override
        public double compute(ImageContext image) {
            return 1;
        }
    }

    record Reads(String id, List<String> inputs) implements DatasetMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image(id, id, id, ValueKind.REAL, Direction.NONE);
        }

        @Override
        public Accumulator start() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theBuiltInsLoadThroughServiceLoaderWithUniqueIds() {
        MetricRegistry r = MetricRegistry.load(getClass().getClassLoader());
        assertThat(r.all()).isNotEmpty();
        assertThat(r.all()).extracting(m -> m.descriptor().id()).doesNotHaveDuplicates()
                .contains("image.aspect_ratio_min", "image.blur_score_cleanvision");
    }

    @Test
    void aDuplicateIdNamesBothClasses() {
        assertThatThrownBy(() -> MetricRegistry.of(List.of(new Fixed("image.a"), new Fixed("image.a"))))
                .isInstanceOf(LoupeException.class).hasMessageContaining("'image.a' is declared twice")
                .hasMessageContaining(Fixed.class.getName());
    }

    @Test
    void anUnknownIdListsTheKnownOnes() {
        MetricRegistry r = MetricRegistry.of(List.of(new Fixed("image.a"), new Fixed("image.b")));
        assertThatThrownBy(() -> r.select(List.of("image.c")))
                .isInstanceOf(LoupeException.class).hasMessage("unknown metric id 'image.c'; available: image.a, image.b");
    }

    @Test
    void selectingADatasetMetricBringsItsInputs() {
        MetricRegistry r = MetricRegistry.of(List.of(new Fixed("image.a"), new Fixed("image.b"),
                new Reads("image.c", List.of("image.b"))));
        assertThat(r.select(List.of("image.c"))).extracting(m -> m.descriptor().id()).containsExactly("image.b", "image.c");
        assertThat(r.select(null)).hasSize(3);
    }

    @Test
    void aDatasetMetricReadingAnAbsentMetricFailsAtLoad() {
        List<Metric> metrics = List.of(new Reads("image.c", List.of("image.gone")));
        assertThatThrownBy(() -> MetricRegistry.of(metrics)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("reads metric 'image.gone'");
    }
}
