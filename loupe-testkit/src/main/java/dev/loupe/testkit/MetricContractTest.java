package dev.loupe.testkit;

import dev.loupe.api.Metric;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Extend this in a plugin's tests to run Loupe's metric contract ({@link MetricContract}) on a
 * metric:
 *
 * <pre>{@code
 * class DarkBorderFractionTest extends MetricContractTest {
 *     @Override
 *     protected Metric metric() {
 *         return new DarkBorderFraction();
 *     }
 * }
 * }</pre>
 *
 * Every built-in metric passes the same contract (loupe-testkit's own tests).
 */
public abstract class MetricContractTest {
    /** The metric under test. */
    protected abstract Metric metric();

    @TestFactory
    Stream<DynamicTest> metricContract() {
        return MetricContract.tests(metric());
    }
}
