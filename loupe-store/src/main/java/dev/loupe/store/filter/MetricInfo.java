package dev.loupe.store.filter;

/**
 * One entry of the project's metric catalogue (what {@code loupe analyze} stored).
 *
 * @param id       stable metric id, e.g. {@code image.brightness}
 * @param scope    image, annotation or prediction
 * @param kind     value kind (hash metrics are not numeric; identifier metrics are numbers without a size)
 * @param title    short human title
 * @param outliers whether IQR outliers are meaningful (false for random baselines and ranks)
 * @param version  the metric version the values were computed with
 */
public record MetricInfo(String id, String scope, String kind, String title, boolean outliers, String version) {
    /** Whether values are numbers (filterable, sortable). */
    public boolean numeric() {
        return !"hash".equals(kind);
    }

    /** Whether the size of a value means something: a distribution, outliers, comparisons (not identifiers or map coordinates). */
    public boolean quantity() {
        return numeric() && !"identifier".equals(kind) && !"coordinate".equals(kind);
    }
}
