package dev.loupe.core.metrics;

import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.core.LoupeException;
import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.core.plugin.PluginJars;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The metrics available to a run: the built-ins and any plugin jars, found with
 * {@link ServiceLoader} under {@code META-INF/services/dev.loupe.api.Metric}. Fails loudly by
 * name: two classes claiming one id name both (and their jars); an unknown id lists the known ones.
 */
public final class MetricRegistry {
    private final Map<String, Metric> byId;

    private MetricRegistry(Map<String, Metric> byId) {
        this.byId = byId;
    }

    /** Every metric visible to the class loader. */
    public static MetricRegistry load(ClassLoader loader) {
        Map<String, Metric> byId = new LinkedHashMap<>();
        try {
            for (Metric m : ServiceLoader.load(Metric.class, loader)) {
                add(byId, m);
            }
        } catch (ServiceConfigurationError e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "cannot load a metric plugin: " + e.getMessage(), e);
        }
        return checked(new MetricRegistry(sorted(byId.values())));
    }

    /**
     * The built-ins plus every jar in a plugins folder (ignored when null or missing), the jars in
     * name order. The class loader is not closed: plugin classes are used until the process ends.
     */
    public static MetricRegistry withPlugins(java.nio.file.Path folder, ClassLoader parent) {
        return load(PluginJars.classLoader(folder, parent));
    }

    /** Fails when a dataset metric reads a metric that no jar provides. */
    private static MetricRegistry checked(MetricRegistry r) {
        for (Metric m : r.byId.values()) {
            if (m instanceof DatasetMetric dm) {
                for (String input : dm.inputs()) {
                    if (!r.byId.containsKey(input)) {
                        throw new LoupeException(LoupeException.Reason.BAD_INPUT, "metric " + dm.descriptor().id() + " ("
                                + origin(m) + ") reads metric '" + input + "', which no metric jar provides");
                    }
                }
            }
        }
        return r;
    }

    /** A registry of the given metrics (tests, embedding). */
    public static MetricRegistry of(Collection<? extends Metric> metrics) {
        Map<String, Metric> byId = new LinkedHashMap<>();
        metrics.forEach(m -> add(byId, m));
        return checked(new MetricRegistry(sorted(byId.values())));
    }

    private static void add(Map<String, Metric> byId, Metric m) {
        if (!(m instanceof ImageMetric || m instanceof ImageHashMetric || m instanceof AnnotationMetric
                || m instanceof DatasetMetric)) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, m.getClass().getName() + " (" + origin(m)
                    + ") implements Metric but none of ImageMetric, ImageHashMetric, AnnotationMetric, DatasetMetric");
        }
        ExtensionRegistry.add(byId, m, "metric", x -> x.descriptor().id());
    }

    private static Map<String, Metric> sorted(Collection<Metric> metrics) {
        Map<String, Metric> out = new LinkedHashMap<>();
        metrics.stream().sorted(Comparator.comparing((Metric m) -> m.descriptor().scope())
                .thenComparing(m -> m.descriptor().id())).forEach(m -> out.put(m.descriptor().id(), m));
        return out;
    }

    private static String origin(Metric m) {
        return ExtensionRegistry.origin(m);
    }

    /** All metrics, by scope then id. */
    public List<Metric> all() {
        return List.copyOf(byId.values());
    }

    public Metric get(String id) {
        Metric m = byId.get(id);
        if (m == null) {
            throw LoupeException.badInput("unknown metric id '" + id + "'; available: " + String.join(", ", byId.keySet()));
        }
        return m;
    }

    /**
     * The metrics with these ids plus every metric they depend on (dataset metrics' inputs), or all
     * metrics when ids is null or empty.
     */
    public List<Metric> select(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return all();
        }
        Map<String, Metric> out = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>(ids);
        while (!todo.isEmpty()) {
            String id = todo.remove(0).strip();
            if (id.isEmpty() || out.containsKey(id)) {
                continue;
            }
            Metric m = get(id);
            out.put(id, m);
            if (m instanceof DatasetMetric dm) {
                todo.addAll(dm.inputs());
            }
        }
        return List.copyOf(sorted(out.values()).values());
    }
}
