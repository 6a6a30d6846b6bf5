package dev.loupe.formats.predictions;

import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The images and classes of a project, as prediction readers look them up: an image by the id its
 * label source gave it (COCO image id), by its path relative to the images folder, or by that path
 * without extension (YOLO label files); a class by its source id (COCO category id, YOLO index) or
 * by its name.
 */
public final class ProjectCatalog {
    private final Map<String, ImageRecord> bySourceId = new HashMap<>();
    private final Map<String, ImageRecord> byPath = new HashMap<>();
    private final Map<String, ImageRecord> byStem = new HashMap<>();
    private final Map<String, ImageRecord> byFileName = new HashMap<>();
    private final Map<String, ImageRecord> byNameStem = new HashMap<>();
    private final Map<String, Category> categoryBySourceId = new HashMap<>();
    private final Map<String, Category> categoryByName = new HashMap<>();
    private final List<Category> categories;

    public ProjectCatalog(List<ImageRecord> images, List<Category> categories) {
        for (ImageRecord im : images) {
            if (im.sourceId() != null) {
                bySourceId.putIfAbsent(im.sourceId(), im);
            }
            byPath.putIfAbsent(im.path(), im);
            byStem.putIfAbsent(stem(im.path()), im);
            byFileName.merge(fileName(im.path()), im, (a, b) -> AMBIGUOUS);
            byNameStem.merge(stem(fileName(im.path())), im, (a, b) -> AMBIGUOUS);
        }
        for (Category c : categories) {
            if (c.sourceId() != null) {
                categoryBySourceId.putIfAbsent(c.sourceId(), c);
            }
            categoryByName.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c);
        }
        this.categories = List.copyOf(categories);
    }

    private static final ImageRecord AMBIGUOUS = new ImageRecord(Long.MAX_VALUE, "", null, null, null, null, -1, null);

    /** The image the label source called {@code sourceId}, or null. */
    public ImageRecord imageBySourceId(String sourceId) {
        return bySourceId.get(sourceId);
    }

    /**
     * The image at a path relative to the images folder ('/' or '\' separated), matched exactly,
     * then without extension, then by file name alone when that name is unique; or null.
     */
    public ImageRecord imageByPath(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        ImageRecord im = byPath.get(p);
        if (im == null) {
            im = byStem.get(stem(p));
        }
        if (im == null) {
            ImageRecord byName = byFileName.get(fileName(p));
            im = byName == AMBIGUOUS ? null : byName;
        }
        return im;
    }

    /**
     * The image of a label file: its path without extension is {@code stem} ("train/img_1"), or,
     * failing that, its file name without extension is the stem's last part when no other image
     * has that name; or null.
     */
    public ImageRecord imageByStem(String stem) {
        String s = stem.replace('\\', '/');
        ImageRecord im = byStem.get(s);
        if (im == null) {
            ImageRecord byName = byNameStem.get(fileName(s));
            im = byName == AMBIGUOUS ? null : byName;
        }
        return im;
    }

    /** The class with this source id, or null. */
    public Category categoryBySourceId(String sourceId) {
        return categoryBySourceId.get(sourceId);
    }

    /** The class with this name (case-insensitive), or null. */
    public Category categoryByName(String name) {
        return categoryByName.get(name.strip().toLowerCase(Locale.ROOT));
    }

    /** Every class in id order. */
    public List<Category> categories() {
        return categories;
    }

    static String stem(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
