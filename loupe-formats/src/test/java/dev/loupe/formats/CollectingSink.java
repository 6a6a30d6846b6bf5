package dev.loupe.formats;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Test sink that keeps everything an importer emits, and checks the {@link DatasetSink} contract
 * as it goes: ids are unique, categories and images come before the annotations that use them.
 */
public final class CollectingSink implements DatasetSink {
    public final List<Category> categories = new ArrayList<>();
    public final List<ImageRecord> images = new ArrayList<>();
    public final List<Annotation> annotations = new ArrayList<>();
    public final List<Issue> issues = new ArrayList<>();

    /** The folder of the shared datasets (system property loupe.shared, set by surefire). */
    public static Path shared() {
        return Path.of(System.getProperty("loupe.shared", "/work/shared"));
    }

    public static CollectingSink run(DatasetImporter importer) {
        CollectingSink sink = new CollectingSink();
        importer.read(sink);
        return sink;
    }

    private final Map<Integer, Category> categoryById = new HashMap<>();
    private final Map<Long, ImageRecord> imageById = new HashMap<>();
    private final Set<Long> annotationIds = new HashSet<>();

    @Override
    public void category(Category category) {
        if (categoryById.put(category.id(), category) != null) {
            throw new AssertionError("category id emitted twice: " + category);
        }
        categories.add(category);
    }

    @Override
    public void image(ImageRecord image) {
        if (imageById.put(image.id(), image) != null) {
            throw new AssertionError("image id emitted twice: " + image);
        }
        images.add(image);
    }

    @Override
    public void annotation(Annotation annotation) {
        if (!imageById.containsKey(annotation.imageId())) {
            throw new AssertionError("annotation before its image: " + annotation);
        }
        if (annotation.categoryId() != null && !categoryById.containsKey(annotation.categoryId())) {
            throw new AssertionError("annotation before its category: " + annotation);
        }
        if (!annotationIds.add(annotation.id())) {
            throw new AssertionError("annotation id emitted twice: " + annotation);
        }
        annotations.add(annotation);
    }

    @Override
    public void issue(Issue issue) {
        issues.add(issue);
    }

    public List<Issue> issuesOf(IssueKind kind) {
        return issues(kind);
    }

    public List<Issue> issues(IssueKind kind) {
        return issues.stream().filter(i -> i.kind() == kind).toList();
    }

    /** Annotation count per class name. */
    public Map<String, Long> countsByClass() {
        Map<Integer, String> names = categories.stream().collect(Collectors.toMap(Category::id, Category::name));
        return annotations.stream().collect(Collectors.groupingBy(
                a -> a.categoryId() == null ? "<none>" : names.get(a.categoryId()), TreeMap::new, Collectors.counting()));
    }

    /** The class name of an annotation, or null when it has none. */
    public String categoryName(Annotation a) {
        return a.categoryId() == null ? null : categoryById.get(a.categoryId()).name();
    }

    public ImageRecord image(long id) {
        return imageById.get(id);
    }
}
