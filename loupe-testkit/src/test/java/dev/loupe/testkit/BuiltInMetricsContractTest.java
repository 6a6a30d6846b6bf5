package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.Metric;
import dev.loupe.core.metrics.MetricRegistry;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every built-in metric, as the registry finds it, passes the contract a plugin's metrics pass. */
class BuiltInMetricsContractTest {
    private static final MetricRegistry REGISTRY = MetricRegistry.load(BuiltInMetricsContractTest.class.getClassLoader());

    @TestFactory
    Stream<DynamicContainer> everyRegisteredMetric() {
        return REGISTRY.all().stream().map(m -> DynamicContainer.dynamicContainer(m.descriptor().id(),
                MetricContract.tests(m, REGISTRY)));
    }

    @Test
    void theRegistryHoldsTheBuiltIns() {
        // 61 when this was written; a metric class that the registry does not find is caught below.
        assertThat(REGISTRY.all()).hasSizeGreaterThanOrEqualTo(61);
    }

    /**
     * Every concrete public class of core that implements Metric is found by the registry: a metric
     * left out of the service file would otherwise never run, and escape the contract above.
     */
    @Test
    void everyMetricClassOfCoreIsRegistered() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(Metric.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path core = Path.of(MetricRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes).as("loupe-api is found").exists();
        List<String> names = classNames(core);
        Set<String> registered = REGISTRY.all().stream().map(m -> m.getClass().getName()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        int metricClasses = 0;
        for (String name : names) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (Metric.class.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                    && Modifier.isPublic(c.getModifiers())) {
                metricClasses++;
                if (!registered.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(metricClasses).as("metric classes found in " + core).isGreaterThanOrEqualTo(REGISTRY.all().size());
        assertThat(missing).as("metric classes of core that META-INF/services does not list").isEmpty();
    }

    /** The class names under dev/loupe/core/metrics in core's classes folder or jar. */
    private static List<String> classNames(Path core) throws IOException {
        if (Files.isDirectory(core)) {
            return classNamesUnder(core, core.resolve("dev/loupe/core/metrics"));
        }
        try (FileSystem jar = FileSystems.newFileSystem(core)) {
            Path root = jar.getPath("/");
            return classNamesUnder(root, root.resolve("dev/loupe/core/metrics"));
        }
    }

    private static List<String> classNamesUnder(Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> root.relativize(p).toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
    }
}
