package dev.loupe.bench;

import dev.loupe.testkit.ServeOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench scale}: the whole path of a user's dataset at growing sizes, each phase the
 * real command in a JVM of its own with the stated {@code -Xmx} (so that its peak resident memory
 * is its own, read from {@code /proc/PID/status} VmHWM): generate a synthetic dataset
 * ({@link ScaleDataset}), {@code init}, {@code analyze}, {@code embed}, then {@code serve} and the
 * web API's typical queries with 1 and 4 clients (p50/p95), each against {@code /api/status}
 * (a request that reads nothing) measured in the same run. Optionally the Spark local job on the
 * smallest size against init + analyze.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Import, analyze, embed and serve synthetic datasets of growing size, each phase in its own JVM.")
final class ScaleBench implements Callable<Integer> {
    @Option(names = "--images", split = ",", defaultValue = "10000",
            description = "dataset sizes, comma-separated (default: ${DEFAULT-VALUE}; 1000000 uses 64-128 px images)")
    List<Integer> sizes;

    @Option(names = "--xmx", defaultValue = "2g", description = "heap of every phase's JVM (default: ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--model", defaultValue = "fallback",
            description = "embedding model of the embed phase (default: ${DEFAULT-VALUE}; 'mobilenet' is the default of loupe embed)")
    String model;

    @Option(names = "--requests", defaultValue = "100", description = "requests per query kind and client setting (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--spark", description = "also run 'loupe spark analyze --master local[2]' on the smallest size (needs loupe-spark built)")
    boolean spark;

    @Option(names = "--no-embed", description = "skip the embed phase and the similar-images query (embed dominates above "
            + "10^4 images; the other queries do not need it)")
    boolean noEmbed;

    @Option(names = "--seed", defaultValue = "14", description = "dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dir", description = "work folder, kept (default: a temporary folder, deleted afterwards)")
    Path dir;

    @Option(names = "--serve-only", description = "with --dir: serve the projects an earlier run with the same --images and --seed "
            + "left there and measure the web API only (e.g. after a change to the queries)")
    boolean serveOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ChildJvm jvm;

    /** Latencies of one query kind. */
    record Latency(String query, double p50One, double p95One, double p50Four, double p95Four) {
    }

    @Override
    public Integer call() throws Exception {
        if (sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 10) || requests < 10) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--images sizes must be >= 10 and --requests >= 10");
        }
        if (serveOnly && dir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--serve-only needs --dir, the folder of an earlier run");
        }
        PrintWriter out = spec.commandLine().getOut();
        jvm = new ChildJvm(xmx);
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("loupe-bench-scale") : Files.createDirectories(dir);
        String duckdb = System.getProperty(dev.loupe.store.ProjectStore.MEMORY_LIMIT_PROPERTY);
        out.printf("Scale benchmark: each phase the loupe command in its own JVM with -Xmx%s and DuckDB's memory limit %s; %d cores; "
                + "embed model %s; %d requests per query and client setting%n", xmx,
                duckdb == null ? "its default (80% of the machine's memory)" : duckdb, Runtime.getRuntime().availableProcessors(), model, requests);
        out.flush();
        try {
            for (int n : sizes) {
                size(out, work.resolve("n" + n), n);
            }
        } finally {
            if (temporary) {
                ServeBench.deleteTree(work);
            }
        }
        return 0;
    }

    private void size(PrintWriter out, Path base, int n) throws Exception {
        if (serveOnly) {
            Path project = base.resolve("project");
            if (!Files.isRegularFile(project.resolve("loupe.duckdb"))) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--serve-only: no project at " + project
                        + "; run once with --dir " + dir + " and these --images first");
            }
            long annotations = 0;
            for (int i = 1; i <= n; i++) {
                annotations += ScaleDataset.image(i, n, seed).boxes().size();
            }
            out.printf("%n%d images, %d annotations: the project of an earlier run (--serve-only)%n", n, annotations);
            served(out, project, n, annotations);
            return;
        }
        long t0 = System.nanoTime();
        ScaleDataset.Written data = ScaleDataset.write(base.resolve("data"), n, seed);
        double gen = (System.nanoTime() - t0) / 1e9;
        out.printf("%n%d images, %d annotations (%.1f per image), %.0f MB of JPEG, generated in %.1f s%n", n, data.annotations(),
                (double) data.annotations() / n, data.bytes() / 1e6, gen);
        out.flush();
        Path project = base.resolve("project");
        // Each phase's row as soon as it ends: at 10^6 images a run takes hours.
        out.printf("  %-9s %9s %14s %13s%n", "phase", "seconds", "items/s", "peak RSS MB");
        out.flush();
        ChildJvm.Run init = jvm.run("init", project.toString(), "--images", data.images().toString(), "--coco", data.instances().toString());
        row(out, "import", init, data.annotations(), "annotations");
        ChildJvm.Run analyze = jvm.run("analyze", project.toString());
        row(out, "analyze", analyze, n, "images");
        double embedSeconds = 0;
        if (!noEmbed) {
            ChildJvm.Run embed = jvm.run("embed", project.toString(), "--model", model);
            row(out, "embed", embed, n, "images");
            out.printf("  %s%n", indexBuild(embed.out()));
            embedSeconds = embed.seconds();
        }
        long disk = diskBytes(project);
        out.printf("  project on disk: %.0f MB (%.0f bytes per annotation)%n", disk / 1e6, (double) disk / data.annotations());
        out.flush();
        served(out, project, n, data.annotations());
        if (spark && n == sizes.stream().mapToInt(Integer::intValue).min().orElseThrow()) {
            List<String> args = new ArrayList<>(List.of("spark", "analyze", "--master", "local[2]", "--images", data.images().toString(),
                    "--coco", data.instances().toString(), "-o", base.resolve("spark").toString()));
            if (!noEmbed) {
                args.addAll(List.of("--embed", model));
            }
            ChildJvm.Run job = jvm.run(args.toArray(String[]::new));
            double plain = init.seconds() + analyze.seconds() + embedSeconds;
            String what = noEmbed ? "import + analyze" : "import + analyze + embed";
            out.printf("  Spark local[2] %s: %.1f s, peak RSS %d MB (the launcher's and the job's JVM, the executors threads of "
                    + "the job's; each one's peak, added); loupe init + analyze%s: %.1f s; "
                    + "Spark / plain = %.2fx%n", what, job.seconds(), job.peakRssMb(), noEmbed ? "" : " + embed", plain,
                    job.seconds() / plain);
        }
        out.flush();
    }

    private static final java.util.regex.Pattern INDEX_BUILT =
            java.util.regex.Pattern.compile("k-NN index of the (.+?) vectors stored in .+ in ([0-9.]+) s\\.");

    /** The k-NN index build embed reports (part of its time above), or why there was none. */
    static String indexBuild(String embedOut) {
        java.util.regex.Matcher m = INDEX_BUILT.matcher(embedOut);
        return m.find() ? String.format(java.util.Locale.ROOT, "index build (IVF, %s vectors, within embed): %s s", m.group(1), m.group(2))
                : "index build: none (no kind above the exact-search limit of " + dev.loupe.knn.VectorIndex.EXACT_LIMIT
                + " vectors: searched exactly)";
    }

    private static void row(PrintWriter out, String name, ChildJvm.Run p, long items, String unit) {
        out.printf("  %-9s %9.1f %9.0f %-5s %13d%n", name, p.seconds(), items / p.seconds(), unit.substring(0, Math.min(5, unit.length())),
                p.peakRssMb());
        out.flush();
    }

    /** The web API under 1 and 4 clients: each typical query against the status request. */
    private void served(PrintWriter out, Path project, int images, long annotations) throws Exception {
        Process server = jvm.start(List.of("serve", project.toString(), "--port", "0"));
        AtomicLong peak = new AtomicLong();
        Thread rss = ChildJvm.rssWatcher(server, peak);
        try {
            String url = ServeOutput.url(server);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long t = System.nanoTime();
            if (!noEmbed) {
                get(http, url + "api/images/1/similar?k=10");
            }
            double firstSimilar = (System.nanoTime() - t) / 1e6;
            Map<String, IntFunction<String>> queries = queries(images);
            if (noEmbed) {
                queries.keySet().removeIf(k -> k.startsWith("similar"));
            }
            for (IntFunction<String> q : queries.values()) {
                for (int i = 0; i < 10; i++) {
                    get(http, url + q.apply(i)); // warm-up: JIT, DuckDB caches
                }
            }
            List<Latency> rows = new ArrayList<>();
            for (Map.Entry<String, IntFunction<String>> e : queries.entrySet()) {
                double[] one = timed(http, url, e.getValue(), 1);
                double[] four = timed(http, url, e.getValue(), 4);
                rows.add(new Latency(e.getKey(), ServeBench.percentile(one, 50), ServeBench.percentile(one, 95),
                        ServeBench.percentile(four, 50), ServeBench.percentile(four, 95)));
            }
            Latency status = rows.get(0);
            out.printf("  web API (%d images, %d annotations)%s%n", images, annotations, noEmbed ? ", no embeddings"
                    : String.format(java.util.Locale.ROOT, ": first similar query (loads the vectors and builds the index) %.0f ms",
                    firstSimilar));
            out.printf("  %-48s %8s %8s %8s %8s %10s%n", "query", "p50 1c", "p95 1c", "p50 4c", "p95 4c", "p50/status");
            for (Latency l : rows) {
                out.printf("  %-48s %8.1f %8.1f %8.1f %8.1f %9.1fx%n", l.query(), l.p50One(), l.p95One(), l.p50Four(), l.p95Four(),
                        l.p50One() / status.p50One());
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            rss.join();
        }
        out.printf("  serve peak RSS %d MB (ms, milliseconds; 1c / 4c: 1 or 4 clients at once)%n", peak.get() / 1024);
    }

    /** The typical queries of the web app, each varied by request number (seeded). */
    static Map<String, IntFunction<String>> queries(int images) {
        Map<String, IntFunction<String>> q = new LinkedHashMap<>();
        q.put("status (baseline: reads nothing)", i -> "api/status");
        q.put("search: annotations, class + range, sort, page", i -> {
            SplittableRandom r = new SplittableRandom(i);
            return "api/search?scope=annotation&class=class" + (1 + r.nextInt(20)) + "&range=annotation.relative_area:0.001:"
                    + "&sort=annotation.relative_area&order=" + (i % 2 == 0 ? "asc" : "desc") + "&offset=" + 50 * r.nextInt(10)
                    + "&limit=50";
        });
        q.put("search: images sorted by brightness, page", i -> "api/search?scope=image&sort=image.brightness&order=desc&offset="
                + 100 * (i % 20) + "&limit=100");
        q.put("histogram: annotation area under a class", i -> "api/distribution?scope=annotation&metric=annotation.area&bins=40&class=class" + (1 + i % 20));
        q.put("histogram: image brightness", i -> "api/distribution?metric=image.brightness&bins=40");
        q.put("scatter: brightness x sharpness", i -> "api/scatter?x=image.brightness&y=image.sharpness&bins=48");
        q.put("summary", i -> "api/summary");
        q.put("similar images (k = 10)", i -> "api/images/" + (1 + new SplittableRandom(i).nextInt(images)) + "/similar?k=10");
        return q;
    }

    private double[] timed(HttpClient http, String url, IntFunction<String> query, int clients) throws Exception {
        double[] ms = new double[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        get(http, url + query.apply(i + 1000));
                        ms[i] = (System.nanoTime() - t) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return ms;
    }

    private static void get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** Bytes of the regular files below {@code dir}. */
    static long diskBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
