package dev.loupe.bench;

import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.PixelImage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.objects.SimpleImageContext;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.core.metrics.runner.RunReport;
import dev.loupe.formats.folders.ClassFolderImporter;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Speed of the metric pass on real images, as images per second and as ratios to the JPEG decode
 * floor measured in the same run: decode only (1 thread), decode + every image metric (1 thread),
 * and the full 'analyze' (all metrics, annotation metrics included) on 1 thread and on all cores.
 * Then heap during 'analyze' at the sample's size and at about 10^4 images (hard-linked copies).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "Images/s of decode, decode + image metrics (1 thread) and full analyze (1 and all threads); heap vs image count.")
final class MetricsBench implements Callable<Integer> {
    @Option(names = "--voc", paramLabel = "DIR", description = "a Pascal VOC folder with JPEGImages/ (default: the BCCD sample)")
    Path voc;

    @Option(names = "--scaled", defaultValue = "10000", paramLabel = "N",
            description = "images in the heap-scaling run (copies of the sample; 0 skips it; default: ${DEFAULT-VALUE})")
    int scaled;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path vocDir = voc != null ? voc : sample();
        Path images = vocDir.resolve("JPEGImages");
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(p -> p.toString().toLowerCase().endsWith(".jpg")).sorted().toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        MetricRegistry registry = MetricRegistry.load(getClass().getClassLoader());
        List<Metric> imageMetrics = registry.all().stream()
                .filter(m -> m instanceof ImageMetric || m instanceof ImageHashMetric).toList();
        out.printf("Metric benchmark: %d images from %s, %d cores, %d image metrics, %d metrics in all, Java %s%n",
                files.size(), images, cores, imageMetrics.size(), registry.all().size(), System.getProperty("java.version"));
        decodeAll(files); // warm-up
        computeAll(files, imageMetrics);
        double decode = best(() -> decodeAll(files));
        double metrics = best(() -> computeAll(files, imageMetrics));
        out.printf("%-44s %10.1f images/s%n", "decode only, 1 thread", files.size() / decode);
        out.printf("%-44s %10.1f images/s   (%.2fx the decode time)%n", "decode + all image metrics, 1 thread",
                files.size() / metrics, metrics / decode);
        perMetric(out, files, imageMetrics, decode / files.size());
        Path work = Files.createTempDirectory("loupe-bench-metrics");
        try {
            RunReport one = analyze(work.resolve("one"), vocDir, images, 1, registry);
            RunReport all = analyze(work.resolve("all"), vocDir, images, cores, registry);
            out.printf("%-44s %10.1f images/s%n", "analyze (all metrics), 1 thread", one.rate());
            out.printf("%-44s %10.1f images/s   (%.2fx 1 thread)%n", "analyze (all metrics), " + cores + " threads",
                    all.rate(), all.rate() / one.rate());
            out.printf("%nHeap during analyze (%d threads):%n", cores);
            heapRun(out, work.resolve("heap-sample"), images, files, files.size(), cores, registry);
            if (scaled > 0) {
                heapRun(out, work.resolve("heap-scaled"), images, files, scaled, cores, registry);
            }
        } finally {
            deleteTree(work);
        }
        return 0;
    }

    private interface Timed {
        void run() throws IOException;
    }

    /** Best of three timings in seconds (noisy machines: the minimum is the most stable). */
    private static double best(Timed t) throws IOException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            t.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    private static void decodeAll(List<Path> files) throws IOException {
        long sum = 0;
        for (Path f : files) {
            sum += ImageDecoder.decode(f).rgb()[0];
        }
        if (sum == Long.MIN_VALUE) {
            throw new IllegalStateException();
        }
    }

    private static void computeAll(List<Path> files, List<Metric> metrics) throws IOException {
        double sink = 0;
        for (Path f : files) {
            PixelImage px = ImageDecoder.decode(f);
            SimpleImageContext ctx = new SimpleImageContext(px, px.width(), px.height(), Files.size(f),
                    f.getFileName().toString(), List.of());
            for (Metric m : metrics) {
                if (m instanceof ImageMetric im) {
                    sink += im.compute(ctx);
                } else {
                    sink += ((ImageHashMetric) m).compute(ctx).length();
                }
            }
        }
        if (sink == Double.MIN_VALUE) {
            throw new IllegalStateException();
        }
    }

    /** Images the per-metric table runs on (decoded once, held in memory). */
    static final int PER_METRIC_IMAGES = 100;

    /**
     * Milliseconds per image of each image metric run alone on already decoded images, each run on
     * fresh views of the pixels so that it also pays for the shared work it needs (grey plane,
     * histograms, thumbnails): where the time goes, most expensive first. The column sums to more
     * than the pass above, which shares that work between metrics.
     */
    private static void perMetric(PrintWriter out, List<Path> files, List<Metric> metrics, double decodeSeconds) throws IOException {
        List<PixelImage> decoded = new java.util.ArrayList<>();
        List<Long> sizes = new java.util.ArrayList<>();
        for (Path f : files.subList(0, Math.min(PER_METRIC_IMAGES, files.size()))) {
            decoded.add(ImageDecoder.decode(f));
            sizes.add(Files.size(f));
        }
        record Cost(String id, double ms) {
        }
        List<Cost> costs = new java.util.ArrayList<>();
        double[] sink = new double[1];
        for (Metric m : metrics) {
            double seconds = best(() -> {
                for (int i = 0; i < decoded.size(); i++) {
                    PixelImage d = decoded.get(i);
                    PixelImage fresh = new PixelImage(d.width(), d.height(), d.rgb(), d.channels(), d.bitDepth(), d.hasAlpha());
                    SimpleImageContext ctx = new SimpleImageContext(fresh, fresh.width(), fresh.height(), sizes.get(i), "bench", List.of());
                    sink[0] += m instanceof ImageMetric im ? im.compute(ctx) : ((ImageHashMetric) m).compute(ctx).length();
                }
            });
            costs.add(new Cost(m.descriptor().id(), seconds * 1000 / decoded.size()));
        }
        double floor = best(() -> {
            for (PixelImage d : decoded) {
                sink[0] += scalarPass(d.rgb());
            }
        }) * 1000 / decoded.size();
        costs.sort(Comparator.comparingDouble(Cost::ms).reversed());
        out.printf("%nEach image metric alone, with the shared work it needs (%d decoded images, best of 3; decode is %.2f ms/image):%n",
                decoded.size(), decodeSeconds * 1000);
        for (Cost c : costs) {
            out.printf("  %-40s %7.3f ms/image   (%.2fx decode)%n", c.id(), c.ms(), c.ms() / (decodeSeconds * 1000));
        }
        out.printf("  %-40s %7.3f ms/image   (%.2fx decode)%n", "(yardstick: 1 scalar pass, 3 mul/pixel)",
                floor, floor / (decodeSeconds * 1000));
        if (sink[0] == Double.MIN_VALUE) {
            throw new IllegalStateException();
        }
    }

    /**
     * A yardstick for the table: the cheapest pass that reads every pixel, Σ R·G + R·B + G·B over
     * the interleaved bytes. Java 17's C2 does not vectorise loops that widen bytes to ints, so every
     * exact per-pixel statistic costs at least this much; the metric pass needs several such passes'
     * worth of work (histograms, HSV, keys, Laplacians, resizes).
     */
    static long scalarPass(byte[] rgb) {
        long total = 0;
        for (int from = 0; from < rgb.length; from += 3 << 14) {
            int to = Math.min(rgb.length, from + (3 << 14));
            int sum = 0;
            for (int j = from; j < to; j += 3) {
                int r = rgb[j] & 0xFF;
                int g = rgb[j + 1] & 0xFF;
                int b = rgb[j + 2] & 0xFF;
                sum += r * g + r * b + g * b;
            }
            total += sum & 0xFFFFFFFFL;
        }
        return total;
    }

    private static RunReport analyze(Path project, Path vocDir, Path images, int threads, MetricRegistry registry) {
        ProjectStore.create(project, new ImportSource("voc", images, vocDir.toString(), Map.of()),
                sink -> new VocImporter(vocDir, images, null).read(sink));
        try (ProjectStore store = ProjectStore.open(project)) {
            return new MetricRunner(store.metrics().analysis(), threads, ProgressListener.NONE).run(registry.all(), Map.of());
        }
    }

    private static void heapRun(PrintWriter out, Path dir, Path images, List<Path> files, int count, int threads,
                                MetricRegistry registry) throws Exception {
        // Class folders of hard links: 'copy_k/name.jpg', one image-level label each.
        Path root = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < count; i++) {
            Path folder = Files.createDirectories(root.resolve("copy_" + (i / files.size())));
            Path src = files.get(i % files.size());
            Files.createLink(folder.resolve(src.getFileName()), src);
        }
        Path project = dir.resolve("project");
        ProjectStore.create(project, new ImportSource("folders", root, null, Map.of()),
                sink -> new ClassFolderImporter(root).read(sink));
        RunReport report;
        long peak;
        long live;
        try (ProjectStore store = ProjectStore.open(project); HeapSampler heap = new HeapSampler()) {
            report = new MetricRunner(store.metrics().analysis(), threads, ProgressListener.NONE).run(registry.all(), Map.of());
            peak = heap.peakUsed();
            live = heap.maxLiveAfterGc();
        }
        out.printf("  %6d images: %8.1f images/s, peak heap %4d MiB, live heap after GC %4d MiB, %d failures%n",
                count, report.rate(), peak >> 20, live >> 20, report.failures());
        out.flush();
    }

    private static Path sample() {
        Path home = Path.of(System.getProperty("loupe.home", ".")).toAbsolutePath().normalize();
        Path s = home.resolveSibling("shared").resolve("data/bccd/BCCD");
        if (!Files.isDirectory(s)) {
            throw LoupeException.badInput("sample not found at " + s + "; pass --voc DIR");
        }
        return s;
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

}
