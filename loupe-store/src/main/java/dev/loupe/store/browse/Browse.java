package dev.loupe.store.browse;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.filter.MetricInfo;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The browse room, the read side of the web app: metric catalogue, filtered search and counts,
 * distributions, scatter grids and samples under a filter, issue kinds, item detail and the
 * embedding map. All values are bound parameters; metric columns come from the catalogue only.
 */
public final class Browse {
    private final Connection c;

    public Browse(Connection c) {
        this.c = c;
    }

    /** Every stored metric (the catalogue that filters and sorts may name), by scope then id. */
    public List<MetricInfo> catalogue() {
        return new Filters(c).catalogue();
    }

    /** One page of the items a filter selects, sorted by a metric or by id. */
    public SearchPage search(SearchRequest request, List<IssueRule> rules) {
        return new SearchQuery(c).search(request, rules);
    }

    /**
     * Search hits (with every shape of their images) of given images or annotations, in the order
     * given, each carrying {@code values[i]} as its sort value; unknown ids are left out.
     */
    public List<SearchPage.Hit> hits(Scope scope, List<Long> ids, List<Double> values) {
        return new SearchQuery(c).hits(scope, ids, values);
    }

    /** How many items a filter selects. */
    public long count(ItemFilter filter, List<IssueRule> rules) {
        try {
            return new SearchQuery(c).count(new Filters(c).compile(filter, rules));
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** Quartiles, IQR outlier bounds and a histogram of one metric over the items a filter selects. */
    public Distribution distribution(ItemFilter filter, String metricId, int bins, List<IssueRule> rules) {
        return new DistributionQuery(c).distribution(filter, metricId, bins, rules);
    }

    /** Counts of the items a filter selects on a bins × bins grid of two metrics, between each metric's min and max. */
    public Scatter scatter(ItemFilter filter, String xMetric, String yMetric, int bins, List<IssueRule> rules) {
        Filters q = new Filters(c);
        FilterSql f = q.compile(filter, rules);
        return new ScatterQuery(c).scatter(f, q.numeric(filter.scope()), xMetric, yMetric, bins);
    }

    /**
     * The sorted finite values of every quantity metric of the filter's scope (numeric, not an
     * identifier) over the items it selects, in catalogue order (one query per metric).
     */
    public List<MetricSample> samples(ItemFilter filter, List<IssueRule> rules) {
        Filters q = new Filters(c);
        FilterSql f = q.compile(filter, rules);
        Map<String, MetricInfo> numeric = q.numeric(filter.scope());
        SampleQuery samples = new SampleQuery(c);
        return numeric.values().stream().filter(MetricInfo::quantity).map(m -> samples.sample(f, numeric, m.id())).toList();
    }

    /** The issue kinds a filter of this scope can name: rules over computed metrics (with counts), then import kinds. */
    public List<IssueKindInfo> issueKinds(Scope scope, List<IssueRule> rules) {
        return new IssueKindQuery(c).issueKinds(scope, rules);
    }

    /** Everything about one image, or null when there is none with this id. */
    public ItemDetail imageDetail(long imageId, List<IssueRule> rules) {
        return new DetailQuery(c).detail(imageId, rules);
    }

    /**
     * The predictions of a detection set on one image with their outcome at grid threshold
     * {@code tIndex}, and the image's ground truths the set missed.
     */
    public ImageOutcomes imageOutcomes(long imageId, String set, int tIndex) {
        SearchQuery q = new SearchQuery(c);
        try {
            int setId = new Filters(c).detectionSet(set);
            List<Long> ids = List.of(imageId);
            return new ImageOutcomes(set, Thresholds.value(tIndex),
                    q.predictionsOn(ids, setId, tIndex).getOrDefault(imageId, List.of()),
                    q.missedOn(ids, setId, tIndex).getOrDefault(imageId, List.of()));
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
    }

    /** One image's class probabilities in the classification set {@code setName}, highest first. */
    public List<SearchPage.ClassProbability> classProbabilities(String setName, long imageId) {
        return new ProbabilityQuery(c).probabilities(setName, imageId);
    }

    /**
     * The 2-D embedding map's points of a scope (at most {@code limit}, a seeded sample beyond), each
     * flagged by whether it meets the filter, with a metric value to colour by when one is named.
     */
    public EmbeddingMap embeddingMap(ItemFilter filter, String colourMetric, int limit, List<IssueRule> rules) {
        return new EmbeddingMapQuery(c).map(filter, colourMetric, limit, rules);
    }

    /** The image an annotation belongs to, or null when there is no such annotation. */
    public Long imageOfAnnotation(long annotationId) {
        return new DetailQuery(c).imageOf(annotationId);
    }

    /** The stored path of an image, relative to the images root, or null when there is no such image. */
    public String imagePath(long imageId) {
        return new DetailQuery(c).imagePath(imageId);
    }
}
