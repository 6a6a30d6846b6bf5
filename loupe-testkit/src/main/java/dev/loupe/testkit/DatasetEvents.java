package dev.loupe.testkit;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps every event an importer streams, in order (for the contracts; a real sink keeps nothing). */
public final class DatasetEvents implements DatasetSink {
    private final List<Object> events = new ArrayList<>();

    @Override
    public void category(Category category) {
        events.add(category);
    }

    @Override
    public void image(ImageRecord image) {
        events.add(image);
    }

    @Override
    public void annotation(Annotation annotation) {
        events.add(annotation);
    }

    @Override
    public void issue(Issue issue) {
        events.add(issue);
    }

    /** Every event in the order it came. */
    public List<Object> events() {
        return List.copyOf(events);
    }

    public <T> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
