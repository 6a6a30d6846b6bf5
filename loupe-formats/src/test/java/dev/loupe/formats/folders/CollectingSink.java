package dev.loupe.formats.folders;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps everything an importer emits, and checks the {@link DatasetSink} contract as it goes:
 * ids are unique, categories and images come before the annotations that use them.
 */
final class CollectingSink implements DatasetSink {
    final List<Category> categories = new ArrayList<>();
    final List<ImageRecord> images = new ArrayList<>();
    final List<Annotation> annotations = new ArrayList<>();
    final List<Issue> issues = new ArrayList<>();
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

    String categoryName(Annotation a) {
        return a.categoryId() == null ? null : categoryById.get(a.categoryId()).name();
    }

    ImageRecord image(long id) {
        return imageById.get(id);
    }

    List<Issue> issuesOf(IssueKind kind) {
        return issues.stream().filter(i -> i.kind() == kind).toList();
    }
}
