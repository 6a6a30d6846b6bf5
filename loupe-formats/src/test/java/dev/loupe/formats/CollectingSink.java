package dev.loupe.formats;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Test sink that keeps everything an importer emits. */
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

    @Override
    public void category(Category category) {
        categories.add(category);
    }

    @Override
    public void image(ImageRecord image) {
        images.add(image);
    }

    @Override
    public void annotation(Annotation annotation) {
        annotations.add(annotation);
    }

    @Override
    public void issue(Issue issue) {
        issues.add(issue);
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

    public String categoryName(Annotation a) {
        return categories.stream().filter(c -> c.id() == a.categoryId()).findFirst().orElseThrow().name();
    }

    public ImageRecord image(long id) {
        return images.stream().filter(i -> i.id() == id).findFirst().orElseThrow();
    }
}
