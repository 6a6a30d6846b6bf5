package dev.loupe.store.sql;

import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.api.ValueKind;
import java.util.Locale;

/**
 * Where metric values live: one wide table per scope, one column per metric named by its id.
 * Metric ids are validated by {@link MetricDescriptor} ({@code [a-z0-9_.]} only), so quoting them
 * as identifiers is safe; {@link #column} checks again because it builds SQL text.
 */
public final class MetricColumns {
    private MetricColumns() {
    }

    public static String table(Scope scope) {
        return switch (scope) {
            case IMAGE -> "image_metrics";
            case ANNOTATION -> "annotation_metrics";
            case PREDICTION -> "prediction_metrics";
        };
    }

    public static String key(Scope scope) {
        return switch (scope) {
            case IMAGE -> "image_id";
            case ANNOTATION -> "annotation_id";
            case PREDICTION -> "prediction_id";
        };
    }

    /** The quoted column of a metric id. */
    public static String column(String metricId) {
        if (!metricId.matches("[a-z0-9_.]+")) {
            throw new IllegalArgumentException("not a metric id: " + metricId);
        }
        return '"' + metricId + '"';
    }

    public static String sqlType(ValueKind kind) {
        return kind == ValueKind.HASH ? "VARCHAR" : "DOUBLE";
    }

    /** The coverage key of a metric: id@version. */
    public static String coverageKey(MetricDescriptor d) {
        return d.id() + "@" + d.version();
    }

    public static String kindName(ValueKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The scope's name as the store writes it (item_type, metric scope): "image", "annotation", "prediction". */
    public static String scopeName(Scope scope) {
        return scope.name().toLowerCase(java.util.Locale.ROOT);
    }
}
