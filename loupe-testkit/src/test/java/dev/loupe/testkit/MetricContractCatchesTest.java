package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** The contract fails the metrics that break it, naming the rule (checked on deliberately broken metrics). */
class MetricContractCatchesTest {
    /** A metric with nothing wrong, except that no service file lists it. */
    public static final class Width implements ImageMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_width", "Width", "The image's width in pixels.",
                    ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);
        }

        @Override
        public double compute(ImageContext image) {
            return image.width();
        }
    }

    /** Claims [0, 1] and gives the width. */
    public static final class OutOfRange implements ImageMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_out_of_range", "Out of range", "Claims [0, 1], gives the width.",
                    ValueKind.UNIT_INTERVAL, Direction.NONE);
        }

        @Override
        public double compute(ImageContext image) {
            return image.width();
        }
    }

    /** Remembers how often it was called. */
    public static final class Stateful implements ImageMetric {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_stateful", "Stateful", "Counts its calls.",
                    ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);
        }

        @Override
        public double compute(ImageContext image) {
            return calls.incrementAndGet();
        }
    }

    /** Never applicable, and crashes on a 1-pixel image. */
    public static final class Crashes implements ImageMetric {
        @Override
        public MetricDescriptor descriptor() {
            return MetricDescriptor.image("image.test_crashes", "Crashes", "Divides by width - 1.",
                    ValueKind.NON_NEGATIVE_REAL, Direction.NONE);
        }

        @Override
        public double compute(ImageContext image) {
            if (image.width() == 1) {
                throw new ArithmeticException("/ by zero");
            }
            return Double.NaN;
        }
    }

    private static Map<String, DynamicTest> tests(Metric m) {
        return MetricContract.tests(m).collect(Collectors.toMap(t -> t.getDisplayName().replaceFirst("^[^:]*: ", ""), t -> t));
    }

    @Test
    void aMetricMissingFromTheServiceFileFailsThatRuleOnly() {
        Map<String, DynamicTest> t = tests(new Width());
        assertThatThrownBy(() -> t.get("listed in META-INF/services").getExecutable().execute())
                .hasMessageContaining(Width.class.getName() + " is not listed");
        for (String rule : List.of("descriptor matches the interface", "public no-argument constructor",
                "deterministic values of its kind on odd inputs", "same values from 4 threads at once")) {
            assertThatCode(() -> t.get(rule).getExecutable().execute()).as(rule).doesNotThrowAnyException();
        }
    }

    @Test
    void aValueOutsideTheDeclaredKindFails() {
        assertThatThrownBy(() -> tests(new OutOfRange()).get("deterministic values of its kind on odd inputs")
                .getExecutable().execute()).hasMessageContaining("image.test_out_of_range on checkerboard (8x6) = 8.0 (kind UNIT_INTERVAL)");
    }

    @Test
    void aMetricWithStateIsNotDeterministic() {
        assertThatThrownBy(() -> tests(new Stateful()).get("deterministic values of its kind on odd inputs")
                .getExecutable().execute()).hasMessageContaining("the same values on the same inputs");
    }

    @Test
    void aMetricThatThrowsOnAnOddImageFailsNamingTheImage() {
        assertThatThrownBy(() -> tests(new Crashes()).get("deterministic values of its kind on odd inputs")
                .getExecutable().execute()).hasMessageContaining("image.test_crashes on one-pixel (1x1) threw "
                        + "java.lang.ArithmeticException: / by zero");
    }
}
