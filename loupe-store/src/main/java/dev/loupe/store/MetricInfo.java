package dev.loupe.store;

/**
 * One entry of the project's metric catalogue (what {@code loupe analyze} stored).
 *
 * @param id       stable metric id, e.g. {@code image.brightness}
 * @param scope    image, annotation or prediction
 * @param kind     value kind (hash metrics are not numeric)
 * @param title    short human title
 * @param outliers whether IQR outliers are meaningful (false for random baselines and ranks)
 * @param version  the metric version the values were computed with
 */
public record MetricInfo(String id, String scope, String kind, String title, boolean outliers, String version) {
    /** Whether values are numbers (filterable, sortable, with a distribution). */
    public boolean numeric() {
        return !"hash".equals(kind);
    }
}
