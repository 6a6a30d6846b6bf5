package dev.loupe.app.compare;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.eval.compare.DistributionComparison;
import dev.loupe.eval.compare.SampleSummary;
import dev.loupe.eval.compare.TwoSampleKs;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.browse.MetricSample;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code GET /api/compare/distributions} returns: every numeric metric of a scope over two
 * sides of the project, ranked by the KS distance D (largest first; metrics a side has no value of
 * come last).
 *
 * @param scope   image or annotation
 * @param bins    histogram bins per metric
 * @param a       the first side
 * @param b       the second side
 * @param metrics one row per metric
 */
public record DistributionsComparison(String scope, int bins, Side a, Side b, List<Row> metrics) {
    public static final int DEFAULT_BINS = 30;

    /** A side: its selector as given and how many items it selects. */
    public record Side(String selector, long items) {
    }

    /** One metric: both summaries, shared histograms, the KS test. */
    public record Row(String metricId, String title, SampleSummary a, SampleSummary b, double[] binEdges, long[] countsA,
               long[] countsB, TwoSampleKs ks) {
    }

    public static DistributionsComparison run(ProjectStore s, Scope scope, String selectorA, ItemFilter a, String selectorB,
                                       ItemFilter b, int bins, List<IssueRule> rules) {
        long itemsA = s.browse().count(a, rules);
        long itemsB = s.browse().count(b, rules);
        Map<String, MetricSample> sa = s.browse().samples(a, rules).stream()
                .collect(Collectors.toMap(MetricSample::metricId, Function.identity()));
        Map<String, String> titles = s.browse().catalogue().stream().filter(m -> m.scope().equals(scope.name().toLowerCase(java.util.Locale.ROOT)))
                .collect(Collectors.toMap(MetricInfo::id, MetricInfo::title, (x, y) -> x));
        List<Row> rows = new ArrayList<>();
        for (MetricSample mb : s.browse().samples(b, rules)) {
            MetricSample ma = sa.get(mb.metricId());
            DistributionComparison c = DistributionComparison.of(mb.metricId(), ma.values(), ma.missing(), mb.values(),
                    mb.missing(), bins);
            rows.add(new Row(c.metricId(), titles.getOrDefault(c.metricId(), c.metricId()), c.a(), c.b(),
                    c.histogram().edges(), c.histogram().countsA(), c.histogram().countsB(), c.ks()));
        }
        rows.sort(Comparator.comparingDouble((Row r) -> Double.isNaN(r.ks().d()) ? -1 : r.ks().d()).reversed()
                .thenComparing(Row::metricId));
        return new DistributionsComparison(scope.name().toLowerCase(java.util.Locale.ROOT), bins,
                new Side(selectorA, itemsA), new Side(selectorB, itemsB), rows);
    }
}
