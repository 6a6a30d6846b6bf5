package dev.loupe.store.write;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.store.sql.Appenders;
import dev.loupe.store.sql.GeometryText;
import dev.loupe.store.sql.StoreFailure;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Streams an import into the store with DuckDB appenders (bulk, columnar), holding nothing per
 * annotation in memory. Category and image ids are remembered (small) so that an annotation that
 * refers to an unknown one is caught here rather than corrupting the store.
 */
public final class ProjectWriter implements DatasetSink, AutoCloseable {
    private final DuckDBAppender images;
    private final DuckDBAppender categories;
    private final DuckDBAppender annotations;
    private final DuckDBAppender issues;
    private final long runId;
    private final Set<Integer> categoryIds = new HashSet<>();
    private final Set<String> categoryNames = new HashSet<>();
    private long maxImageId;
    private final DuckDBConnection connection;
    private long issueId;
    private long imageCount;
    private long annotationCount;
    private final Map<IssueKind, Long> issueCounts = new EnumMap<>(IssueKind.class);

    public ProjectWriter(DuckDBConnection c, long runId) throws SQLException {
        this.connection = c;
        this.runId = runId;
        this.images = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "images");
        this.categories = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "categories");
        this.annotations = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "annotations");
        this.issues = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "issues");
    }

    @Override
    public void category(Category category) {
        if (!categoryIds.add(category.id()) || !categoryNames.add(category.name())) {
            throw new IllegalStateException("importer emitted category " + category + " twice");
        }
        try {
            categories.beginRow().append(category.id()).append(category.name());
            Appenders.string(categories, category.supercategory());
            Appenders.string(categories, category.sourceId());
            categories.endRow();
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    @Override
    public void image(ImageRecord image) {
        if (image.id() <= maxImageId) {
            throw new IllegalStateException("importer emitted image ids out of order: " + image.id());
        }
        maxImageId = image.id();
        try {
            images.beginRow().append(image.id()).append(image.path());
            Appenders.integer(images, image.width());
            Appenders.integer(images, image.height());
            Appenders.string(images, image.format());
            Appenders.string(images, image.split());
            images.append(image.fileSize());
            Appenders.string(images, image.sourceId());
            images.endRow();
            imageCount++;
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    @Override
    public void annotation(Annotation a) {
        if (a.imageId() <= 0 || a.imageId() > maxImageId) {
            throw new IllegalStateException("annotation " + a.id() + " refers to image " + a.imageId() + " not yet emitted");
        }
        if (a.categoryId() != null && !categoryIds.contains(a.categoryId())) {
            throw new IllegalStateException("annotation " + a.id() + " refers to category " + a.categoryId() + " not emitted");
        }
        Geometry g = a.geometry();
        try {
            annotations.beginRow().append(a.id()).append(a.imageId());
            Appenders.integer(annotations, a.categoryId());
            annotations.append(g.kind().name().toLowerCase(Locale.ROOT));
            Box b = g.box();
            if (b == null) {
                annotations.appendNull().appendNull().appendNull().appendNull();
            } else {
                annotations.append(b.x()).append(b.y()).append(b.w()).append(b.h());
            }
            Appenders.string(annotations, g instanceof Geometry.PolygonShape p ? GeometryText.polygon(p.polygon()) : null);
            if (g instanceof Geometry.MaskShape m) {
                annotations.append(RleCodec.toCocoString(m.rle())).append(m.rle().height()).append(m.rle().width());
            } else {
                annotations.appendNull().appendNull().appendNull();
            }
            annotations.append(a.crowd());
            Appenders.number(annotations, a.area());
            Appenders.string(annotations, a.annotator());
            Appenders.number(annotations, a.confidence());
            Appenders.string(annotations, a.sourceId());
            annotations.append(a.difficult());
            annotations.endRow();
            annotationCount++;
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    @Override
    public void issue(Issue issue) {
        try {
            Appenders.issue(issues, ++issueId, runId, issue);
            issueCounts.merge(issue.kind(), 1L, Long::sum);
        } catch (SQLException e) {
            throw storeFailure(e);
        }
    }

    public long imageCount() {
        return imageCount;
    }

    public long annotationCount() {
        return annotationCount;
    }

    public Map<IssueKind, Long> issueCounts() {
        return issueCounts;
    }

    @Override
    public void close() throws SQLException {
        // Parents before children, so that a reader never sees an annotation without its image.
        categories.close();
        images.close();
        annotations.close();
        issues.close();
    }

    private LoupeException storeFailure(SQLException e) {
        return StoreFailure.of("cannot write to the project store", e, connection);
    }
}
