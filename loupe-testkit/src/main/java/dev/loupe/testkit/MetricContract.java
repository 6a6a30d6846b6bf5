package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;
import dev.loupe.core.metrics.MetricRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * What every metric promises (see {@link Metric}), as JUnit dynamic tests: a valid descriptor whose
 * scope matches the interface it implements; listed in {@code META-INF/services/dev.loupe.api.Metric}
 * beside it; a public no-argument constructor; on the odd inputs of {@link MetricSamples} no
 * exception, the same value twice, a value the declared {@link ValueKind} allows (NaN, "not
 * applicable", aside) and a value for at least one input; the same values when four threads call
 * it at once. A dataset metric is fed seeded inputs of the kinds its input metrics declare and must
 * give values only to the items it saw, the same twice. The runner's rules apply: an annotation
 * metric sees only the shapes it declares, and no image-level label when it needs pixels.
 */
public final class MetricContract {
    private static final int THREADS = 4;

    private MetricContract() {
    }

    /** The contract of one metric; a dataset metric's inputs are looked up among the metrics its class loader sees. */
    public static Stream<DynamicTest> tests(Metric metric) {
        return tests(metric, null);
    }

    /**
     * @param registry the metrics a dataset metric's inputs are looked up in; null for those its
     *                 class loader sees (the built-ins and the plugin's own)
     */
    public static Stream<DynamicTest> tests(Metric metric, MetricRegistry registry) {
        String id = metric.descriptor().id();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(id + ": descriptor matches the interface", () -> descriptor(metric)));
        tests.add(DynamicTest.dynamicTest(id + ": listed in META-INF/services", () -> listed(metric)));
        tests.add(DynamicTest.dynamicTest(id + ": public no-argument constructor", () -> constructor(metric)));
        if (metric instanceof DatasetMetric dm) {
            tests.add(DynamicTest.dynamicTest(id + ": deterministic values for the items it saw",
                    () -> dataset(dm, registry == null ? MetricRegistry.load(metric.getClass().getClassLoader()) : registry)));
        } else {
            tests.add(DynamicTest.dynamicTest(id + ": deterministic values of its kind on odd inputs", () -> oddInputs(metric)));
            tests.add(DynamicTest.dynamicTest(id + ": same values from " + THREADS + " threads at once", () -> threads(metric)));
        }
        return tests.stream();
    }

    static void descriptor(Metric m) {
        MetricDescriptor d = m.descriptor();
        assertThat(d).as("descriptor of " + m.getClass().getName()).isNotNull();
        assertThat(d.title()).as(d.id() + " title").isNotBlank();
        assertThat(d.description()).as(d.id() + " description").isNotBlank();
        if (m instanceof ImageMetric || m instanceof ImageHashMetric) {
            assertThat(d.scope()).as(d.id() + ": an image metric's scope").isEqualTo(Scope.IMAGE);
        }
        if (m instanceof AnnotationMetric) {
            assertThat(d.scope()).as(d.id() + ": an annotation metric's scope").isEqualTo(Scope.ANNOTATION);
        }
        assertThat(d.kind() == ValueKind.HASH).as(d.id() + ": kind HASH if and only if it is an ImageHashMetric")
                .isEqualTo(m instanceof ImageHashMetric);
        assertThat(m.descriptor()).as(d.id() + ": descriptor() gives the same descriptor each time").isEqualTo(d);
    }

    static void listed(Metric m) throws IOException {
        String name = m.getClass().getName();
        ClassLoader loader = m.getClass().getClassLoader();
        Enumeration<URL> files = loader.getResources("META-INF/services/" + Metric.class.getName());
        List<String> seen = new ArrayList<>();
        while (files.hasMoreElements()) {
            URL url = files.nextElement();
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.lines().map(l -> l.replaceFirst("#.*", "").strip()).anyMatch(name::equals)) {
                    return;
                }
            }
            seen.add(url.toString());
        }
        fail(name + " is not listed in any META-INF/services/" + Metric.class.getName() + " its class loader sees "
                + seen + ": add its class name on a line of its own, or Loupe will never find it");
    }

    static void constructor(Metric m) throws ReflectiveOperationException {
        Class<?> c = m.getClass();
        assertThat(Modifier.isPublic(c.getModifiers())).as(c.getName() + " is public").isTrue();
        Object fresh = c.getConstructor().newInstance();
        assertThat(((Metric) fresh).descriptor()).as(c.getName() + ": a new instance has the same descriptor")
                .isEqualTo(m.descriptor());
    }

    static void oddInputs(Metric m) {
        Map<String, Object> first = values(m);
        Map<String, Object> second = values(m);
        assertThat(second).as(m.descriptor().id() + ": the same values on the same inputs").isEqualTo(first);
        boolean any = false;
        for (Map.Entry<String, Object> e : first.entrySet()) {
            if (e.getValue() instanceof Double d) {
                if (!d.isNaN()) {
                    any = true;
                    checkKind(m.descriptor(), d, e.getKey());
                }
            } else {
                any = true;
                assertThat((String) e.getValue()).as(e.getKey() + ": a hash is lower-case hex").matches("[0-9a-f]+");
            }
        }
        assertThat(any).as(m.descriptor().id() + ": gives a value (not NaN) for at least one of the odd inputs").isTrue();
    }

    static void threads(Metric m) throws Exception {
        Map<String, Object> expected = values(m);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Map<String, Object>>> runs = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                runs.add(pool.submit(() -> values(m)));
            }
            for (Future<Map<String, Object>> run : runs) {
                assertThat(run.get()).as(m.descriptor().id() + ": values computed on several threads at once").isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The values of a per-item metric on fresh samples, by where they were computed; NaN as NaN. */
    private static Map<String, Object> values(Metric m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (MetricSamples.Sample s : MetricSamples.all()) {
            String where = m.descriptor().id() + " on " + s.name() + " (" + s.pixels().width() + "x" + s.pixels().height() + ")";
            try {
                if (m instanceof ImageMetric im) {
                    out.put(where, im.compute(s.imageContext()));
                } else if (m instanceof ImageHashMetric hm) {
                    String h = hm.compute(s.imageContext());
                    assertThat(h).as(where + ": a hash").isNotNull();
                    out.put(where, h);
                } else if (m instanceof AnnotationMetric am) {
                    for (AnnotationContext a : s.annotationContexts()) {
                        if (applies(am, a.object().shape())) {
                            where = m.descriptor().id() + " on object " + a.object().id() + " (" + a.object().shape() + ") of "
                                    + s.name() + " (" + s.pixels().width() + "x" + s.pixels().height() + ")";
                            out.put(where, am.compute(a));
                        }
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError(where + " threw " + e, e);
            }
        }
        return out;
    }

    /** The runner's rule (ImageAnalyzer): a declared shape, and no image-level label for a metric of pixels. */
    private static boolean applies(AnnotationMetric m, ShapeKind shape) {
        return m.descriptor().shapes().contains(shape) && (!m.needsPixels() || shape != ShapeKind.LABEL);
    }

    static void dataset(DatasetMetric m, MetricRegistry registry) {
        String id = m.descriptor().id();
        assertThat(m.inputs()).as(id + ": inputs").doesNotHaveDuplicates();
        List<ValueKind> kinds = new ArrayList<>();
        for (String input : m.inputs()) {
            assertThat(registry.all().stream().map(x -> x.descriptor().id())).as(id + " reads " + input).contains(input);
            kinds.add(registry.get(input).descriptor().kind());
        }
        Map<Long, Double> first = runDataset(m, kinds);
        Map<Long, Double> second = runDataset(m, kinds);
        assertThat(second).as(id + ": the same values from the same inputs").isEqualTo(first);
        for (Map.Entry<Long, Double> e : first.entrySet()) {
            assertThat(e.getKey()).as(id + ": a value for an item it saw").isBetween(1L, (long) DATASET_ITEMS);
            if (!e.getValue().isNaN()) {
                checkKind(m.descriptor(), e.getValue(), id + " of item " + e.getKey());
            }
        }
    }

    private static final int DATASET_ITEMS = 60;

    private static Map<Long, Double> runDataset(DatasetMetric m, List<ValueKind> kinds) {
        SplittableRandom r = new SplittableRandom(17);
        Map<DatasetMetric.DatasetItem, Object[]> items = new LinkedHashMap<>();
        for (long item = 1; item <= DATASET_ITEMS; item++) {
            Object[] inputs = new Object[kinds.size()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = r.nextInt(10) == 0 ? null : input(kinds.get(i), r);
            }
            Integer classId = item % 7 == 0 ? null : (int) (item % 3);
            items.put(new DatasetMetric.DatasetItem(item, (item + 1) / 2, classId), inputs);
        }
        Map<Long, Double> out = new LinkedHashMap<>();
        DatasetMetric.run(m.start(), items::forEach, (itemId, value) -> {
            Double previous = out.put(itemId, value);
            assertThat(previous).as(m.descriptor().id() + ": one value per item (item " + itemId + ")").isNull();
        });
        return out;
    }

    /** A seeded input of a kind: hashes from a small pool (so that some repeat), numbers in the kind's range. */
    private static Object input(ValueKind kind, SplittableRandom r) {
        return switch (kind) {
            case HASH -> String.format("%016x", r.nextLong(8) * 0x1111111111111111L + (r.nextInt(4) == 0 ? 1 : 0));
            case UNIT_INTERVAL -> r.nextDouble();
            case FLAG -> (double) r.nextInt(2);
            case NON_NEGATIVE_INTEGER, IDENTIFIER -> (double) r.nextInt(50);
            case RANK -> (double) (1 + r.nextInt(4));
            case NON_NEGATIVE_REAL -> r.nextDouble() * 100;
            case REAL, COORDINATE -> r.nextGaussian() * 10;
        };
    }

    /** Fails unless v is a value of the descriptor's kind; {@code where} says what it is the value of. */
    public static void checkKind(MetricDescriptor d, double v, String where0) {
        String where = where0 + " = " + v + " (kind " + d.kind() + ")";
        assertThat(Double.isInfinite(v)).as(where + ": finite").isFalse();
        switch (d.kind()) {
            case UNIT_INTERVAL -> assertThat(v).as(where).isBetween(0.0, 1.0);
            case NON_NEGATIVE_INTEGER -> assertThat(v).as(where).isGreaterThanOrEqualTo(0.0).isEqualTo(Math.rint(v));
            case NON_NEGATIVE_REAL -> assertThat(v).as(where).isGreaterThanOrEqualTo(0.0);
            case FLAG -> assertThat(v).as(where).isIn(0.0, 1.0);
            case RANK -> assertThat(v).as(where).isGreaterThanOrEqualTo(1.0).isEqualTo(Math.rint(v));
            case IDENTIFIER -> assertThat(v).as(where).isEqualTo(Math.rint(v));
            case REAL, COORDINATE, HASH -> {
                // any finite number
            }
        }
    }
}
