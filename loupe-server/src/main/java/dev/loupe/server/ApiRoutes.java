package dev.loupe.server;

import dev.loupe.app.overview.ProjectOverview;
import dev.loupe.core.LoupeException;
import dev.loupe.app.BadRequest;
import dev.loupe.app.eval.EvaluationCache;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.store.browse.ItemDetail;
import dev.loupe.store.browse.ImageOutcomes;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.metrics.MetricStats;
import dev.loupe.store.predictions.PredictionSetInfo;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import dev.loupe.app.export.Exporter;
import dev.loupe.app.similar.EmbeddingIndexes;
import dev.loupe.app.similar.SimilarImages;
import dev.loupe.app.similar.SimilarObjects;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON API: thin handlers that parse parameters, call the store and write JSON. Every
 * endpoint is described in {@code /api/openapi.json}. No handler reads a path from the request:
 * images are named by id only.
 */
final class ApiRoutes {
    static final int MAX_TAG_IDS = 10_000;

    private final StoreAccess store;
    private final Path projectDir;
    private final ImageFiles files;
    private final Thumbnails thumbnails;
    private final List<IssueRule> rules;
    private final ReadCache reads;
    private final EvaluationCache evaluations;
    private final SimilarImages similarImages;
    private final SimilarObjects similarObjects;
    private final ProjectJobs jobs;

    private final EmbeddingIndexes indexes;
    private final LabelIssues labelIssues;

    /** Where this project's routes live: "" (the only project) or "/p/NAME". */
    private final String base;

    ApiRoutes(StoreAccess store, Path projectDir, Path imagesRoot, ProjectJobs jobs, String base) {
        this.base = base;
        this.store = store;
        this.jobs = jobs;
        this.evaluations = new EvaluationCache();
        this.indexes = new EmbeddingIndexes(store, note -> System.err.println("loupe: " + note));
        this.similarImages = new SimilarImages(store, indexes);
        this.similarObjects = new SimilarObjects(store, indexes);
        this.projectDir = projectDir;
        this.files = new ImageFiles(imagesRoot);
        this.thumbnails = new Thumbnails(projectDir);
        this.rules = IssueRules.forProject(projectDir);
        this.labelIssues = new LabelIssues(store, rules, jobs);
        this.reads = new ReadCache(projectDir);
    }

    /** Outliers of every numeric metric of both scopes. */
    record OutlierView(List<MetricStats> image, List<MetricStats> annotation) {
    }

    /** A tag request: a name, a scope and item ids. */
    record TagRequest(String name, String scope, List<Long> ids) {
    }

    /** A tag-all request: a name (the filter is in the query string). */
    record TagAllRequest(String name) {
    }

    /** How many tags a request changed. */
    record TagResult(String name, long changed) {
    }

    /** The image an annotation belongs to. */
    record AnnotationRef(long annotationId, long imageId) {
    }

    /** Prediction sets and whether evaluation results exist. */
    /** An image's detail with a prediction set's outcomes on it ({@code /api/images/{id}?set=...}). */
    record DetailWithOutcomes(@com.fasterxml.jackson.annotation.JsonUnwrapped ItemDetail detail, ImageOutcomes outcomes) {
    }

    record PredictionsView(List<PredictionSetInfo> sets, String hint) {
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            throw new BadRequest(name + " is required");
        }
        return v;
    }

    /** The lowest prediction score counted (default 0: every prediction). */
    private static double score(String s) {
        if (s == null || s.isEmpty()) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new BadRequest("score must be a number between 0 and 1, got '" + s + "'");
        }
    }

    /**
     * Loads the k-NN indexes of the stored embeddings on a background thread, so that the first
     * look-alike or similar-images request (the Label quality page asks for eight at once) finds
     * them ready instead of waiting for the vectors to be read and indexed.
     */
    void warmUp() {
        Thread t = new Thread(() -> {
            try {
                indexes.images(null); // first: the quick one the similar-images panel needs
                indexes.objects(null);
            } catch (RuntimeException ignored) {
                // no embeddings yet (404) or the store is busy: the first request loads them
            }
        }, "loupe-index-warm-up");
        t.setDaemon(true);
        t.start();
    }

    void install(RoutesConfig r) {
        r.get(base + "/api/status", ctx -> Json.send(ctx, jobs.status()));
        r.post(base + "/jobs", jobs::handle);
        r.get(base + "/api/summary", ctx -> Json.send(ctx, reads.get("summary", () -> store.with(s -> ProjectOverview.of(s, rules)))));
        r.get(base + "/api/metrics", ctx -> Json.send(ctx, reads.get("metrics", () -> store.with(s -> s.browse().catalogue()))));
        r.get(base + "/api/outliers", ctx -> Json.send(ctx, reads.get("outliers", () -> store.with(s -> new OutlierView(
                s.metrics().stats(Scope.IMAGE), s.metrics().stats(Scope.ANNOTATION))))));
        r.get(base + "/api/issues", ctx -> {
            Scope scope = FilterParams.scope(ctx.queryParam("scope"));
            Json.send(ctx, reads.get("issues:" + scope, () -> store.with(s -> s.browse().issueKinds(scope, rules))));
        });
        r.get(base + "/api/distribution", this::distribution);
        r.get(base + "/api/scatter", this::scatter);
        r.get(base + "/api/embedding-map", ctx -> {
            ItemFilter f = FilterParams.filter(ctx);
            long limit = FilterParams.integer(ctx.queryParam("limit"), "limit", 20_000);
            if (limit < 1 || limit > 100_000) {
                throw new BadRequest("limit must be between 1 and 100000, got " + limit);
            }
            String colour = ctx.queryParam("colour");
            Json.send(ctx, store.with(s -> s.browse().embeddingMap(f, colour == null || colour.isEmpty() ? null : colour, (int) limit, rules)));
        });
        r.get(base + "/api/search", ctx -> {
            var request = FilterParams.search(ctx);
            Json.send(ctx, store.with(s -> s.browse().search(request, rules)));
        });
        r.get(base + "/api/images/{id}", ctx -> {
            long id = id(ctx);
            ItemDetail d = store.with(s -> s.browse().imageDetail(id, rules));
            if (d == null) {
                throw LoupeException.notFound("no image " + id);
            }
            String set = ctx.queryParam("set");
            if (set == null || set.isEmpty()) {
                Json.send(ctx, d);
            } else {
                int tIndex = EvaluationCache.tIndex(ctx.queryParam("iou"));
                Json.send(ctx, new DetailWithOutcomes(d, store.with(s -> s.browse().imageOutcomes(id, set, tIndex))));
            }
        });
        r.get(base + "/api/annotations/{id}", ctx -> {
            long id = id(ctx);
            Long image = store.with(s -> s.browse().imageOfAnnotation(id));
            if (image == null) {
                throw LoupeException.notFound("no annotation " + id);
            }
            Json.send(ctx, new AnnotationRef(id, image));
        });
        r.get(base + "/api/images/{id}/classes", ctx -> {
            String set = ctx.queryParam("set");
            if (set == null || set.isEmpty()) {
                throw new BadRequest("set is required (a classification set name from /api/predictions)");
            }
            long id = id(ctx);
            Json.send(ctx, store.with(s -> s.browse().classProbabilities(set, id)));
        });
        r.get(base + "/api/images/{id}/similar", ctx -> Json.send(ctx, similarImages.of(id(ctx),
                FilterParams.intValue(ctx.queryParam("k"), "k", 8), ctx.queryParam("model"))));
        r.get(base + "/api/annotations/{id}/similar", ctx -> Json.send(ctx, similarObjects.of(id(ctx),
                FilterParams.intValue(ctx.queryParam("k"), "k", 10), ctx.queryParam("model"))));
        r.get(base + "/api/images/{id}/thumbnail", this::thumbnail);
        r.get(base + "/api/images/{id}/file", this::original);
        r.get(base + "/api/tags", ctx -> Json.send(ctx, store.with(s -> s.tags().list())));
        r.post(base + "/api/tags/add", ctx -> tag(ctx, true));
        r.post(base + "/api/tags/remove", ctx -> tag(ctx, false));
        r.post(base + "/api/tags/matching", ctx -> {
            TagAllRequest body = Json.body(ctx, TagAllRequest.class);
            ItemFilter f = FilterParams.filter(ctx);
            Json.send(ctx, new TagResult(body.name(), store.with(s -> s.tags().addMatching(body.name(), f, rules))));
        });
        r.get(base + "/api/predictions", ctx -> Json.send(ctx, new PredictionsView(store.with(s -> s.predictions().sets()),
                "no prediction sets: run loupe predictions import")));
        r.get(base + "/api/label-issues", ctx -> {
            long limit = FilterParams.integer(ctx.queryParam("limit"), "limit", 30);
            if (limit < 1 || limit > LabelIssues.MAX_LIMIT) {
                throw new BadRequest("limit must be between 1 and " + LabelIssues.MAX_LIMIT + ", got " + limit);
            }
            Json.send(ctx, labelIssues.get(ctx.queryParam("kind"), ctx.queryParam("set"), (int) limit));
        });
        r.get(base + "/api/eval", ctx -> {
            JsonNode full = store.with(s -> evaluations.get(s, ctx.queryParam("set"), ctx.queryParam("iou")));
            String view = ctx.queryParam("view");
            if (view != null && !view.isEmpty() && !view.equals("page") && !view.equals("full")) {
                throw new BadRequest("view must be page or full, got '" + view + "'");
            }
            Json.send(ctx, "page".equals(view) ? EvaluationCache.page(full, EvaluationCache.tIndex(ctx.queryParam("iou"))) : full);
        });
        r.get(base + "/api/eval/confusion", ctx -> {
            String set = required(ctx, "set");
            int tIndex = EvaluationCache.tIndex(ctx.queryParam("iou"));
            double score = score(ctx.queryParam("score"));
            String row = ctx.queryParam("row");
            if (row == null) {
                Json.send(ctx, store.with(s -> ConfusionView.of(s, set, tIndex, score)));
            } else {
                int r0 = FilterParams.intValue(row, "row", 0);
                int c0 = FilterParams.intValue(ctx.queryParam("column"), "column", 0);
                Json.send(ctx, store.with(s -> ConfusionView.cell(s, set, tIndex, score, r0, c0)));
            }
        });
        new CompareRoutes(store, evaluations, rules).install(r, base);
        r.get(base + "/api/export/coco", this::exportCoco);
        r.get(base + "/api/export/csv", this::exportCsv);
        r.get(base + "/api/openapi.json", ctx -> {
            try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
                ctx.contentType("application/json").result(in.readAllBytes());
            }
        });
    }

    private void distribution(Context ctx) {
        String metric = ctx.queryParam("metric");
        if (metric == null || metric.isEmpty()) {
            throw new BadRequest("metric is required (a metric id from /api/metrics)");
        }
        int bins = FilterParams.intValue(ctx.queryParam("bins"), "bins", 40);
        ItemFilter f = FilterParams.filter(ctx);
        Json.send(ctx, store.with(s -> s.browse().distribution(f, metric, bins, rules)));
    }

    private void scatter(Context ctx) {
        String x = ctx.queryParam("x");
        String y = ctx.queryParam("y");
        if (x == null || x.isEmpty() || y == null || y.isEmpty()) {
            throw new BadRequest("x and y are required (metric ids from /api/metrics)");
        }
        int bins = FilterParams.intValue(ctx.queryParam("bins"), "bins", 64);
        ItemFilter f = FilterParams.filter(ctx);
        Json.send(ctx, store.with(s -> s.browse().scatter(f, x, y, bins, rules)));
    }

    private void thumbnail(Context ctx) throws IOException, InterruptedException {
        long id = id(ctx);
        int size = Thumbnails.bucket(FilterParams.integer(ctx.queryParam("size"), "size", 256));
        Path source = imageFile(id);
        Path thumb = thumbnails.get(id, source, size);
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.contentType("image/jpeg").result(Files.readAllBytes(thumb));
    }

    private void original(Context ctx) throws IOException {
        long id = id(ctx);
        Path file = imageFile(id);
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(ImageFiles.contentType(file)).result(Files.newInputStream(file));
    }

    private Path imageFile(long id) {
        String path = store.with(s -> s.browse().imagePath(id));
        if (path == null) {
            throw LoupeException.notFound("no image " + id);
        }
        return files.resolve(id, path);
    }

    private void tag(Context ctx, boolean add) {
        TagRequest body = Json.body(ctx, TagRequest.class);
        if (body.name() == null || body.ids() == null) {
            throw new BadRequest("body must be {\"name\": TAG, \"scope\": \"image\"|\"annotation\", \"ids\": [ID, ...]}");
        }
        if (body.ids().size() > MAX_TAG_IDS) {
            throw new BadRequest("at most " + MAX_TAG_IDS + " ids per request; use /api/tags/matching for more");
        }
        Scope scope = FilterParams.scope(body.scope());
        List<Long> ids = new ArrayList<>(body.ids());
        if (ids.contains(null)) {
            throw new BadRequest("ids must be numbers");
        }
        long n = store.with(s -> add ? s.tags().add(body.name(), scope, ids) : s.tags().remove(body.name(), scope, ids));
        Json.send(ctx, new TagResult(body.name(), n));
    }

    private void exportCoco(Context ctx) throws IOException {
        ItemFilter f = FilterParams.filter(ctx);
        store.with(s -> s.browse().count(f, rules)); // validates the filter before the response starts
        ctx.contentType("application/json");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(f) + ".coco.json\"");
        OutputStream out = ctx.outputStream();
        store.with(s -> {
            try {
                return Exporter.streamCoco(s, f, rules, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void exportCsv(Context ctx) throws IOException {
        ItemFilter f = FilterParams.filter(ctx);
        store.with(s -> s.browse().count(f, rules));
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(f) + ".csv\"");
        Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8);
        store.with(s -> s.exports().csv(f, rules, out));
        out.flush();
    }

    private String fileName(ItemFilter f) {
        String project = projectDir.toAbsolutePath().normalize().getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
        return "loupe-" + project + "-" + (f.scope() == Scope.IMAGE ? "images" : f.scope() == Scope.PREDICTION ? "predictions" : "annotations");
    }

    private static long id(Context ctx) {
        String s = ctx.pathParam("id");
        try {
            long id = Long.parseLong(s);
            if (id < 0) {
                throw new BadRequest("id must be a non-negative integer, got '" + s + "'");
            }
            return id;
        } catch (NumberFormatException e) {
            throw new BadRequest("id must be an integer, got '" + s + "'");
        }
    }

}
