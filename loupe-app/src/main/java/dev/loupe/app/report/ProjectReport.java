package dev.loupe.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.api.Scope;
import dev.loupe.app.LatestSet;
import dev.loupe.app.eval.ClassificationEvaluation;
import dev.loupe.app.eval.DetectionReport;
import dev.loupe.app.issues.IssueEntry;
import dev.loupe.app.issues.IssueRanking;
import dev.loupe.core.LoupeVersion;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.eval.performance.Bucketing;
import dev.loupe.eval.labels.LabelQuality;
import dev.loupe.store.browse.Distribution;
import dev.loupe.store.browse.IssueKindInfo;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.metrics.MetricStats;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.labels.ProjectSummary;
import dev.loupe.store.browse.SearchPage;
import dev.loupe.store.browse.SearchRequest;
import dev.loupe.store.browse.Shape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the report of a project. Its size does not grow with the project's: thumbnails are a
 * fixed number of examples, charts are binned, tables are capped.
 */
public final class ProjectReport {
    /** Issue kinds with example thumbnails, at most. */
    static final int MAX_ISSUE_KINDS = 12;
    /** Metrics with outlier examples, at most. */
    static final int MAX_OUTLIER_METRICS = 4;
    static final int HISTOGRAM_BINS = 24;

    private final ProjectStore store;
    private final ReportRequest request;
    private final List<IssueRule> rules;
    private final Map<Integer, String> classNames = new LinkedHashMap<>();
    private final Map<String, String> thumbnails = new HashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final HtmlReport html = new HtmlReport();
    private int embedded;

    private ProjectReport(ProjectStore store, ReportRequest request, List<IssueRule> rules) {
        this.store = store;
        this.request = request;
        this.rules = rules;
        for (Category c : store.labels().categories()) {
            classNames.put(c.id(), c.name());
        }
    }

    /** Writes the report to {@code out} (through a temporary file, so a failed run leaves no half file). */
    public static ReportSummary write(ProjectStore store, ReportRequest request, List<IssueRule> rules, Path out) {
        ProjectReport r = new ProjectReport(store, request, rules);
        ProjectSummary summary = store.labels().summary();
        r.summary(summary);
        r.issues();
        r.outliers();
        r.distributions();
        r.labelErrors();
        r.evaluation();
        String name = store.dir().getFileName() == null ? store.dir().toString() : store.dir().getFileName().toString();
        String doc = r.html.document("Loupe report: " + name, String.format(Locale.ROOT, "%d images, %d annotations, %d classes "
                + "· %s labels · made by Loupe %s on %s", summary.images(), summary.annotations(), summary.categories().size(),
                summary.format(), LoupeVersion.get(), Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".loupe-report", ".tmp");
            try {
                Files.writeString(tmp, doc, StandardCharsets.UTF_8);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new ReportSummary(out, Files.size(out), r.embedded, r.html.titles(), r.notes);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write the report: " + e.getMessage(), e);
        }
    }

    private void summary(ProjectSummary s) {
        html.section("summary", "Summary");
        StringBuilder t = new StringBuilder("<table>");
        row(t, "Images", Long.toString(s.images()));
        row(t, "Annotations", s.annotations() + (s.annotationsByKind().isEmpty() ? "" : " (" + kinds(s.annotationsByKind()) + ")"));
        row(t, "Classes", Integer.toString(s.categories().size()));
        row(t, "Label format", s.format());
        if (!s.splits().isEmpty() && !(s.splits().size() == 1 && s.splits().containsKey("none"))) {
            row(t, "Splits", kinds(s.splits()));
        }
        row(t, "Issues recorded at import", Long.toString(s.issues().total()));
        List<PredictionSetInfo> sets = store.predictions().sets();
        row(t, "Prediction sets", sets.isEmpty() ? "none" : String.join(", ", sets.stream().map(p -> p.name() + " (" + p.kind()
                + ")").toList()));
        row(t, "Embeddings", store.embeddings().models().isEmpty() ? "none ('loupe embed')"
                : String.join(", ", store.embeddings().models().stream().map(m -> m.name()).toList()));
        html.raw(t.append("</table>").toString());
        html.raw("<h3>Class balance</h3>");
        List<Svg.Bar> bars = new ArrayList<>();
        s.categories().stream().sorted(Comparator.comparingLong(ProjectSummary.CategoryCount::annotations).reversed())
                .limit(40).forEach(c -> bars.add(new Svg.Bar(c.name(), c.annotations(), ClassColours.of(c.id()),
                        c.annotations() + " annotations on " + c.images() + " images")));
        if (bars.isEmpty()) {
            html.note("No classes.");
        } else {
            html.raw(Svg.bars(bars, 760));
            if (s.categories().size() > 40) {
                html.note("The 40 most frequent of " + s.categories().size() + " classes.");
            }
        }
    }

    private void issues() {
        html.section("issues", "Issues");
        html.note("Image and object issues: the issue rules over the metrics ('loupe analyze') and what the import recorded. "
                + "Examples show each item with its labels drawn; the flagged object is outlined in white.");
        List<IssueKindInfo> kinds = new ArrayList<>(store.browse().issueKinds(Scope.IMAGE, rules));
        kinds.addAll(store.browse().issueKinds(Scope.ANNOTATION, rules));
        kinds.removeIf(k -> k.count() == 0);
        kinds.sort(Comparator.comparingLong(IssueKindInfo::count).reversed());
        if (kinds.isEmpty()) {
            html.note("No issue found (run 'loupe analyze' for the metric rules).");
            return;
        }
        StringBuilder t = new StringBuilder("<table><tr><th>issue</th><th>scope</th><th class=\"num\">items</th>"
                + "<th>what it means</th></tr>");
        for (IssueKindInfo k : kinds) {
            t.append("<tr><td>").append(Html.text(k.kind())).append("</td><td>").append(Html.text(k.scope()))
                    .append("</td><td class=\"num\">").append(k.count()).append("</td><td>").append(Html.text(k.description()))
                    .append("</td></tr>");
        }
        html.raw(t.append("</table>").toString());
        if (request.examples() == 0) {
            return;
        }
        for (IssueKindInfo k : kinds.subList(0, Math.min(MAX_ISSUE_KINDS, kinds.size()))) {
            Scope scope = k.scope().equals("annotation") ? Scope.ANNOTATION : Scope.IMAGE;
            ItemFilter f = new ItemFilter(scope, List.of(), List.of(), List.of(), List.of(k.kind()), List.of());
            SearchPage page = store.browse().search(new SearchRequest(f, null, false, 0, request.examples()), rules);
            html.raw("<h3>" + Html.text(k.kind()) + " <small>(" + k.count() + " " + k.scope() + "s)</small></h3>");
            html.raw(grid(page.items(), scope, null));
        }
        if (kinds.size() > MAX_ISSUE_KINDS) {
            notes.add("examples of the " + MAX_ISSUE_KINDS + " most frequent of " + kinds.size() + " issue kinds");
        }
    }

    private void outliers() {
        html.section("outliers", "Outliers");
        html.note("Encord Active's IQR rule: moderate outside Q1 − 1.5·IQR to Q3 + 1.5·IQR, severe outside Q1 − 2.5·IQR to "
                + "Q3 + 2.5·IQR. The metrics with the most severe outliers:");
        List<MetricStats> stats = new ArrayList<>(store.metrics().stats(Scope.IMAGE));
        stats.addAll(store.metrics().stats(Scope.ANNOTATION));
        stats.removeIf(m -> m.severe() == null || m.severe() == 0);
        stats.sort(Comparator.comparingLong(MetricStats::severe).reversed().thenComparing(MetricStats::metricId));
        if (stats.isEmpty()) {
            html.note("No severe outliers (or no metrics: run 'loupe analyze').");
            return;
        }
        StringBuilder t = new StringBuilder("<table><tr><th>metric</th><th class=\"num\">values</th><th class=\"num\">moderate"
                + "</th><th class=\"num\">severe</th><th class=\"num\">median</th><th class=\"num\">severe below</th>"
                + "<th class=\"num\">severe above</th></tr>");
        for (MetricStats m : stats.subList(0, Math.min(15, stats.size()))) {
            t.append("<tr><td>").append(Html.text(m.metricId())).append("</td><td class=\"num\">").append(m.count())
                    .append("</td><td class=\"num\">").append(m.moderate()).append("</td><td class=\"num\">").append(m.severe())
                    .append("</td><td class=\"num\">").append(Html.number(m.median())).append("</td><td class=\"num\">")
                    .append(Html.number(m.lowerSevere())).append("</td><td class=\"num\">").append(Html.number(m.upperSevere()))
                    .append("</td></tr>");
        }
        html.raw(t.append("</table>").toString());
        if (request.examples() == 0) {
            return;
        }
        for (MetricStats m : stats.subList(0, Math.min(MAX_OUTLIER_METRICS, stats.size()))) {
            Scope scope = m.scope().equals("annotation") ? Scope.ANNOTATION : Scope.IMAGE;
            boolean high = m.max() != null && m.upperSevere() != null && m.max() > m.upperSevere();
            ItemFilter f = new ItemFilter(scope, List.of(high ? new ItemFilter.MetricRange(m.metricId(), m.upperSevere(), null)
                    : new ItemFilter.MetricRange(m.metricId(), null, m.lowerSevere())), List.of(), List.of(), List.of(), List.of());
            SearchPage page = store.browse().search(new SearchRequest(f, m.metricId(), high, 0, request.examples()), rules);
            html.raw("<h3>" + Html.text(m.metricId()) + " <small>(" + (high ? "highest" : "lowest") + " values)</small></h3>");
            html.raw(grid(page.items(), scope, m.metricId()));
        }
    }

    private void distributions() {
        html.section("distributions", "Metric distributions");
        html.note("Histograms over every item with a value (24 equal-width bins; dashed: the moderate outlier bounds).");
        ItemFilter all = new ItemFilter(Scope.IMAGE, List.of(), List.of(), List.of(), List.of(), List.of());
        for (Scope scope : List.of(Scope.IMAGE, Scope.ANNOTATION)) {
            List<MetricInfo> metrics = store.browse().catalogue().stream()
                    .filter(m -> m.scope().equals(scope.name().toLowerCase(Locale.ROOT)) && m.quantity()).toList();
            if (metrics.isEmpty()) {
                continue;
            }
            StringBuilder charts = new StringBuilder("<details" + (scope == Scope.IMAGE ? " open" : "") + "><summary>"
                    + (scope == Scope.IMAGE ? "Image" : "Annotation") + " metrics (" + metrics.size() + ")</summary>"
                    + "<div class=\"charts\">");
            for (MetricInfo m : metrics) {
                Distribution d = store.browse().distribution(all.withScope(scope), m.id(), HISTOGRAM_BINS, rules);
                if (d.count() == 0) {
                    continue;
                }
                charts.append("<div class=\"chart\"><h4>").append(Html.text(m.id())).append("</h4><p>").append(Html.text(m.title()))
                        .append(" · median ").append(Html.number(d.median())).append(" · ").append(d.count()).append(" values")
                        .append(d.missing() > 0 ? ", " + d.missing() + " missing" : "").append("</p>")
                        .append(Svg.histogram(d.binEdges(), d.binCounts(), d.lowerModerate(), d.upperModerate(), 260, 90))
                        .append("</div>");
            }
            html.raw(charts.append("</div></details>").toString());
        }
    }

    private void labelErrors() {
        html.section("label-errors", "Label errors");
        if (request.labelIssues() == 0) {
            html.note("Left out (--label-issues 0).");
            return;
        }
        IssueRanking.Ranking r = IssueRanking.run(store, new IssueRanking.Request(IssueRanking.Kind.LABEL, request.setName(),
                null, LabelQuality.SELF_CONFIDENCE, request.labelIssues(), rules));
        r.notes().forEach(html::note);
        if (r.entries().isEmpty()) {
            html.note("No likely label error found.");
            return;
        }
        html.note("The likeliest " + r.entries().size() + " of " + r.total() + " (as 'loupe issues --kind label'" + (r.set() == null
                ? "" : ", prediction set \"" + r.set() + "\"") + "); a lower score is a likelier error.");
        Map<String, Long> idByPath = new HashMap<>();
        for (ImageRecord i : store.labels().images()) {
            idByPath.put(i.path(), i.id());
        }
        StringBuilder t = new StringBuilder("<table><tr><th>#</th><th>item</th><th>kind</th><th>given</th><th>suggested</th>"
                + "<th class=\"num\">score</th><th>why</th></tr>");
        for (IssueEntry e : r.entries()) {
            Long imageId = idByPath.get(e.image());
            String thumb = imageId == null ? null : entryThumbnail(imageId, e);
            t.append("<tr><td class=\"num\">").append(e.rank()).append("</td><td>").append(figure(thumb, e.image()))
                    .append("</td><td>").append(Html.text(e.kind())).append("</td><td>").append(Html.text(e.givenLabel()))
                    .append("</td><td>").append(Html.text(e.suggestedLabel())).append("</td><td class=\"num\">")
                    .append(Html.number(e.score())).append("</td><td>").append(Html.text(e.reason())).append("</td></tr>");
        }
        html.raw(t.append("</table>").toString());
    }

    private void evaluation() {
        List<PredictionSetInfo> sets = store.predictions().sets();
        if (sets.isEmpty()) {
            return;
        }
        PredictionSetInfo set = request.setName() != null ? store.predictions().set(request.setName())
                : LatestSet.of(sets).orElseThrow();
        html.section("evaluation", "Model evaluation");
        html.note("Prediction set \"" + set.name() + "\" (" + set.kind() + ", " + set.format() + ")"
                + (sets.size() > 1 ? "; the project has " + sets.size() + " sets, choose with --set" : "") + ".");
        if (set.classification()) {
            EvaluationSection.classification(html, ClassificationEvaluation.run(store, set).json(set));
        } else {
            JsonNode ev = DetectionReport.run(store, set, Thresholds.index(0.5), Bucketing.quantiles(DetectionReport.DEFAULT_BUCKETS),
                    DetectionReport.DEFAULT_SLICE_CONDITIONS).json();
            EvaluationSection.detection(html, ev, classNames);
        }
    }

    /** A row of thumbnails with captions. */
    private String grid(List<SearchPage.Hit> hits, Scope scope, String metric) {
        if (hits.isEmpty()) {
            return "<p class=\"note\">No example.</p>";
        }
        StringBuilder g = new StringBuilder("<div class=\"grid\">");
        for (SearchPage.Hit h : hits) {
            Long highlight = scope == Scope.ANNOTATION ? h.id() : null;
            String thumb = thumbnail(h.imageId(), h.path(), h.shapes(), highlight);
            String caption = h.path() + (h.category() != null ? " · " + h.category() : "")
                    + (metric != null && h.sortValue() != null ? " · " + Html.number(h.sortValue()) : "");
            g.append(figure(thumb, caption));
        }
        return g.append("</div>").toString();
    }

    private String entryThumbnail(long imageId, IssueEntry e) {
        List<SearchPage.Hit> hits = store.browse().hits(Scope.IMAGE, List.of(imageId), java.util.Collections.singletonList(null));
        if (hits.isEmpty()) {
            return null;
        }
        SearchPage.Hit h = hits.get(0);
        List<Shape> shapes = new ArrayList<>(h.shapes());
        Long highlight = e.annotationId();
        if (highlight == null && e.box() != null) {
            // a missing label: the model's box, drawn grey and highlighted
            shapes.add(new Shape(-1, null, "box", e.box(), null, null, null, null, null));
            highlight = -1L;
        }
        return thumbnail(imageId, h.path(), shapes, highlight);
    }

    private String thumbnail(long imageId, String path, List<Shape> shapes, Long highlight) {
        String key = imageId + ":" + highlight;
        return thumbnails.computeIfAbsent(key, k -> {
            String uri = LabelledThumbnail.dataUri(store.labels().imagesRoot(), path, shapes, classNames, highlight, request.side());
            if (uri == null) {
                notes.add("could not read " + path + " for its thumbnail");
                return "";
            }
            embedded++;
            return uri;
        });
    }

    private String figure(String dataUri, String caption) {
        String img = dataUri == null || dataUri.isEmpty()
                ? "<div class=\"missing\">image not readable</div>"
                : "<img src=\"" + dataUri + "\" alt=\"" + Html.attr(caption) + "\">";
        return "<figure>" + img + "<figcaption>" + Html.text(caption) + "</figcaption></figure>";
    }

    private static void row(StringBuilder t, String key, String value) {
        t.append("<tr><th>").append(Html.text(key)).append("</th><td>").append(Html.text(value)).append("</td></tr>");
    }

    private static String kinds(Map<String, Long> counts) {
        return String.join(", ", counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }
}
