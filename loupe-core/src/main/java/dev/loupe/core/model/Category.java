package dev.loupe.core.model;

import java.util.Objects;

/**
 * A class (label category).
 *
 * @param id            Loupe's id (1, 2, ... in the order the source lists the classes)
 * @param name          class name, unique within a project
 * @param supercategory COCO supercategory, or null
 * @param sourceId      the id in the source (COCO category id, YOLO class index), or null
 */
public record Category(int id, String name, String supercategory, String sourceId) {
    public Category {
        Objects.requireNonNull(name, "name");
        if (id <= 0) {
            throw new IllegalArgumentException("category id must be > 0: " + id);
        }
    }
}
