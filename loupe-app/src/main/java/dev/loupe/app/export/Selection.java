package dev.loupe.app.export;

import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a filter selects, in memory for writing per image: the images in id order, each with its
 * annotations (image filters: all of them; annotation filters: the selected ones), and the classes.
 *
 * @param categories every class of the project, in id order
 * @param images     the selected images, in id order
 * @param byImage    image id to its exported annotations, in id order
 */
record Selection(List<Category> categories, List<ImageRecord> images, Map<Long, List<Annotation>> byImage) {

    static Selection load(ProjectStore store, ItemFilter filter, List<IssueRule> rules) {
        List<ImageRecord> images = new ArrayList<>();
        Map<Long, List<Annotation>> byImage = new LinkedHashMap<>();
        store.exports().forEachSelected(filter, rules, i -> {
            images.add(i);
            byImage.put(i.id(), new ArrayList<>());
        }, a -> byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a));
        return new Selection(store.labels().categories(), images, byImage);
    }

    List<Annotation> annotations(long imageId) {
        return byImage.getOrDefault(imageId, List.of());
    }

    long annotationCount() {
        return byImage.values().stream().mapToLong(List::size).sum();
    }

    Map<Integer, Category> categoryById() {
        Map<Integer, Category> m = new HashMap<>();
        categories.forEach(c -> m.put(c.id(), c));
        return m;
    }
}
