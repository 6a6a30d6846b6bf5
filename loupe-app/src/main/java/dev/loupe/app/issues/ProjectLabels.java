package dev.loupe.app.issues;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A project's images, classes (in id order: the class index of the label-error methods) and
 * annotations by image, read once.
 */
record ProjectLabels(Map<Long, ImageRecord> images, List<Category> categories, Map<Integer, Category> categoryById,
                     Map<Integer, Integer> classIndex, Map<Long, List<Annotation>> byImage) {
    static ProjectLabels read(ProjectStore store) {
        Map<Long, ImageRecord> images = new LinkedHashMap<>();
        store.labels().images().forEach(i -> images.put(i.id(), i));
        List<Category> categories = store.labels().categories();
        Map<Integer, Category> byId = new LinkedHashMap<>();
        Map<Integer, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < categories.size(); k++) {
            byId.put(categories.get(k).id(), categories.get(k));
            index.put(categories.get(k).id(), k);
        }
        Map<Long, List<Annotation>> byImage = new TreeMap<>();
        store.labels().forEachAnnotation(a -> byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a));
        return new ProjectLabels(images, categories, byId, index, byImage);
    }

    String className(int index) {
        return categories.get(index).name();
    }
}
