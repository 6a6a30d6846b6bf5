package dev.loupe.bench;

import dev.loupe.testkit.SyntheticCoco;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.server.LoupeServer;
import dev.loupe.server.ServerOptions;
import dev.loupe.store.ImportSource;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.browse.SearchRequest;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe bench serve}: a bounded load test of the search endpoint over loopback, on a
 * synthetic project (default 10^6 annotations with geometry metrics). Requests are a fixed,
 * seeded mix of annotation and image searches: sorts by a metric both ways, class filters, metric
 * ranges and deep pages. Prints p50/p95/max latency, throughput and failures; the baseline is the
 * same searches run directly on the store in the same run (no HTTP, no JSON), after one full
 * warm-up pass.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Load test of the web API's search endpoint on a synthetic project (loopback only, bounded).")
final class ServeBench implements Callable<Integer> {
    static final List<String> METRICS = List.of("annotation.relative_area", "annotation.aspect_ratio", "annotation.width");

    @Option(names = "--annotations", defaultValue = "1000000", description = "annotations in the synthetic project (default: ${DEFAULT-VALUE})")
    long annotations;

    @Option(names = "--per-image", defaultValue = "50", description = "annotations per image (default: ${DEFAULT-VALUE})")
    int perImage;

    @Option(names = "--requests", defaultValue = "400", description = "measured requests, at most 100000 (default: ${DEFAULT-VALUE})")
    int requests;

    @Option(names = "--concurrency", defaultValue = "4", description = "parallel clients, at most 64 (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--dir", description = "work folder (default: a new temporary folder, deleted afterwards)")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (requests < 1 || requests > 100_000 || concurrency < 1 || concurrency > 64 || annotations < 1 || perImage < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--requests must be 1..100000, --concurrency 1..64, --annotations and --per-image positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("loupe-bench-serve") : Files.createDirectories(dir);
        try {
            int images = (int) Math.max(1, (annotations + perImage - 1) / perImage);
            out.printf("Serve benchmark: %d annotations on %d images, %d requests, %d clients, %d cores%n", annotations, images,
                    requests, concurrency, Runtime.getRuntime().availableProcessors());
            out.flush();
            long t0 = System.nanoTime();
            Path json = SyntheticCoco.write(work, images, annotations);
            Path project = work.resolve("project");
            ProjectStore.create(project, new ImportSource("coco", work.resolve("images"), json.toString(), Map.of()),
                    sink -> new CocoImporter(json, work.resolve("images")).read(sink));
            try (ProjectStore store = ProjectStore.open(project)) {
                new MetricRunner(store.metrics().analysis(), Runtime.getRuntime().availableProcessors(), ProgressListener.NONE)
                        .run(MetricRegistry.load(ServeBench.class.getClassLoader()).select(METRICS), Map.of());
            }
            out.printf("Project built in %.1f s (import and %s)%n", (System.nanoTime() - t0) / 1e9, String.join(", ", METRICS));
            List<String> queries = queries(annotations, images, Math.max(requests, 20));
            List<String> measured = queries.subList(0, requests);
            Timing direct = direct(project, measured);
            Timing http;
            int failures;
            try (LoupeServer server = LoupeServer.start(project, new ServerOptions(ServerOptions.DEFAULT_HOST, 0, null))) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                String base = "http://127.0.0.1:" + server.port() + "/api/search?";
                for (String q : queries.subList(0, 20)) {
                    send(client, base + q); // warm-up: JIT, DuckDB caches
                }
                AtomicInteger failed = new AtomicInteger();
                http = timed(measured, concurrency, q -> {
                    if (!send(client, base + q)) {
                        failed.incrementAndGet();
                    }
                });
                failures = failed.get();
            }
            out.printf("%-28s %9s %9s %9s %12s%n", "", "p50 ms", "p95 ms", "max ms", "requests/s");
            print(out, "store, in-process (baseline)", direct);
            print(out, "HTTP /api/search", http);
            out.printf("HTTP p50 / baseline p50 = %.2fx (HTTP runs %d clients at once, the baseline one); failed requests: %d of %d%n",
                    percentile(http.ms(), 50) / percentile(direct.ms(), 50), concurrency, failures, requests);
            out.flush();
            return failures == 0 ? 0 : 1;
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    /** A fixed, seeded mix of searches: the first {@code n} are measured. */
    static List<String> queries(long annotations, int images, int n) {
        SplittableRandom r = new SplittableRandom(7);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String cls = "class=class" + (1 + r.nextInt(SyntheticCoco.CATEGORIES));
            out.add(switch (i % 6) {
                case 0 -> "scope=annotation&sort=annotation.relative_area&order=asc&limit=48";
                case 1 -> "scope=annotation&sort=annotation.aspect_ratio&order=desc&limit=48&" + cls;
                case 2 -> "scope=annotation&range=annotation.relative_area::0.001&sort=annotation.width&limit=48&offset="
                        + 48 * r.nextInt(20);
                case 3 -> "scope=annotation&" + cls + "&range=annotation.width:50:150&limit=48";
                case 4 -> "scope=image&" + cls + "&limit=48&offset=" + 48 * r.nextInt(Math.max(1, images / 200));
                default -> "scope=annotation&sort=annotation.width&order=desc&limit=48&offset=" + 48L * r.nextInt((int) Math.min(
                        Integer.MAX_VALUE, Math.max(1, annotations / 48)));
            });
        }
        return out;
    }

    /** The same searches straight on the store, one at a time (what the HTTP layer adds is the difference). */
    private Timing direct(Path project, List<String> queries) throws Exception {
        try (ProjectStore store = ProjectStore.open(project)) {
            var rules = IssueRules.defaults();
            for (String q : queries) {
                store.browse().search(parse(q), rules); // warm-up: one full pass, so that both runs find DuckDB's caches and the JIT warm
            }
            return timed(queries, 1, q -> store.browse().search(parse(q), rules));
        }
    }

    /** Milliseconds of each request and the wall-clock seconds of the whole run. */
    record Timing(double[] ms, double wallSeconds) {
    }

    /** Parses the bench's own query strings into a store request (only the parameters {@link #queries} uses). */
    static SearchRequest parse(String q) {
        Scope scope = Scope.IMAGE;
        List<ItemFilter.MetricRange> ranges = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        String sort = null;
        boolean desc = false;
        long offset = 0;
        int limit = 60;
        for (String kv : q.split("&")) {
            String[] p = kv.split("=", 2);
            switch (p[0]) {
                case "scope" -> scope = p[1].equals("annotation") ? Scope.ANNOTATION : Scope.IMAGE;
                case "class" -> classes.add(p[1]);
                case "sort" -> sort = p[1];
                case "order" -> desc = p[1].equals("desc");
                case "offset" -> offset = Long.parseLong(p[1]);
                case "limit" -> limit = Integer.parseInt(p[1]);
                case "range" -> {
                    String[] r = p[1].split(":", -1);
                    ranges.add(new ItemFilter.MetricRange(r[0], r[1].isEmpty() ? null : Double.valueOf(r[1]),
                            r[2].isEmpty() ? null : Double.valueOf(r[2])));
                }
                default -> throw new IllegalArgumentException(kv);
            }
        }
        return new SearchRequest(new ItemFilter(scope, ranges, classes, List.of(), List.of(), List.of()), sort, desc, offset, limit);
    }

    private static boolean send(HttpClient client, String url) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().startsWith("{\"total\":");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    interface Request {
        void run(String query) throws Exception;
    }

    /** Runs every query once across {@code clients} threads; returns each request's milliseconds. */
    private static Timing timed(List<String> queries, int clients, Request request) throws Exception {
        double[] ms = new double[queries.size()];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < queries.size(); i = next.getAndIncrement()) {
                        long t = System.nanoTime();
                        request.run(queries.get(i));
                        ms[i] = (System.nanoTime() - t) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return new Timing(ms, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void print(PrintWriter out, String label, Timing t) {
        out.printf("%-28s %9.1f %9.1f %9.1f %12.1f%n", label, percentile(t.ms(), 50), percentile(t.ms(), 95),
                Arrays.stream(t.ms()).max().orElse(0), t.ms().length / t.wallSeconds());
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * v.length);
        return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
