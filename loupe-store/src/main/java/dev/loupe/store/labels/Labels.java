package dev.loupe.store.labels;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.sql.ModelQueries;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;

/** The labels room: the project's facts, categories, images and annotations as imported. */
public final class Labels {
    private final Connection c;
    private final Path dir;

    public Labels(Connection c, Path dir) {
        this.c = c;
        this.dir = dir;
    }

    /** The counts, classes, splits and issues that {@code loupe info} shows. */
    public ProjectSummary summary() {
        return new SummaryQuery(c, dir).run();
    }

    /** Every category in id order. */
    public List<Category> categories() {
        return new ModelQueries(c).categories();
    }

    /** Every image in id order. */
    public List<ImageRecord> images() {
        return new ModelQueries(c).images();
    }

    /** Streams every annotation in id order, without holding them in memory. */
    public void forEachAnnotation(Consumer<Annotation> consumer) {
        new ModelQueries(c).forEachAnnotation(consumer);
    }

    /** The folder image paths are relative to. */
    public Path imagesRoot() {
        String root = meta("images_root");
        return Path.of(root == null ? "." : root);
    }

    /** A value of project_meta, or null. */
    public String meta(String key) {
        return ModelQueries.meta(c, key);
    }
}
