package dev.loupe.api;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything Loupe needs to know about a metric without running it.
 *
 * @param id          stable id, never derived from the title: scope prefix + snake_case name,
 *                    e.g. {@code image.brightness}, {@code annotation.relative_area}
 * @param title       short human title
 * @param description one or two sentences: the exact definition and its unit
 * @param scope       what it gives a value for
 * @param kind        the kind of value
 * @param shapes      the annotation shapes it applies to (ignored for image metrics: use
 *                    {@link #ALL_SHAPES}); on other shapes its value is missing, not zero
 * @param direction   which end is good, for worst-first sorting
 * @param version     bump when the definition changes: stored values of an older version are recomputed
 * @param outliers    whether the IQR outlier rule applies (false for random baselines, ranks, hashes)
 */
public record MetricDescriptor(String id, String title, String description, Scope scope, ValueKind kind,
                               Set<ShapeKind> shapes, Direction direction, String version, boolean outliers) {
    public static final Set<ShapeKind> ALL_SHAPES = Set.of(ShapeKind.values());
    private static final Pattern ID = Pattern.compile("(image|annotation|prediction)\\.[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public MetricDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(version, "version");
        shapes = Set.copyOf(shapes);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("metric id '" + id + "' must be scope.snake_case, e.g. image.brightness");
        }
        if (!id.startsWith(scope.prefix())) {
            throw new IllegalArgumentException("metric id '" + id + "' must start with '" + scope.prefix() + "' for scope " + scope);
        }
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("metric " + id + " applies to no shape");
        }
        if (outliers && (!kind.quantity() || kind == ValueKind.RANK)) {
            throw new IllegalArgumentException("metric " + id + ": outliers make no sense for " + kind);
        }
    }

    /** An image metric, version "1", with outliers where they make sense (quantities other than ranks). */
    public static MetricDescriptor image(String id, String title, String description, ValueKind kind, Direction direction) {
        return new MetricDescriptor(id, title, description, Scope.IMAGE, kind, ALL_SHAPES, direction, "1", outliersByDefault(kind));
    }

    /** An annotation metric, version "1", with outliers where they make sense (quantities other than ranks). */
    public static MetricDescriptor annotation(String id, String title, String description, ValueKind kind,
                                              Set<ShapeKind> shapes, Direction direction) {
        return new MetricDescriptor(id, title, description, Scope.ANNOTATION, kind, shapes, direction, "1",
                outliersByDefault(kind));
    }

    private static boolean outliersByDefault(ValueKind kind) {
        return kind.quantity() && kind != ValueKind.RANK;
    }

    /** A copy with another version. */
    public MetricDescriptor withVersion(String v) {
        return new MetricDescriptor(id, title, description, scope, kind, shapes, direction, v, outliers);
    }

    /** A copy with outliers switched off. */
    public MetricDescriptor withoutOutliers() {
        return new MetricDescriptor(id, title, description, scope, kind, shapes, direction, version, false);
    }
}
