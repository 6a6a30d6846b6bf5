package dev.loupe.formats;

import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assigns Loupe category ids (1, 2, ...) to class names in the order they are first seen, and
 * emits each category to the sink once. Used by formats that name classes (VOC, YOLO, folders).
 */
public final class CategoryTable {
    private final Map<String, Category> byName = new LinkedHashMap<>();

    /** The category of that name, created and emitted on first use. */
    public Category getOrAdd(DatasetSink sink, String name, String sourceId) {
        Category existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        Category created = new Category(byName.size() + 1, name, null, sourceId);
        byName.put(name, created);
        sink.category(created);
        return created;
    }

    /** The category of that name, or null. */
    public Category get(String name) {
        return byName.get(name);
    }

    public int size() {
        return byName.size();
    }
}
