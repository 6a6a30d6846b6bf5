package dev.loupe.core.model;

import java.util.Objects;

/**
 * One image (data unit) of a dataset. Images are referenced, never copied.
 *
 * @param id        Loupe's id, assigned by the importer (1, 2, ...), stable within a project
 * @param path      path relative to the project's images folder, '/'-separated
 * @param width     width in pixels as displayed, or null when unknown (unreadable image)
 * @param height    height in pixels as displayed, or null when unknown
 * @param format    file format as read from the header ("jpeg", "png"...), or null when unreadable
 * @param split     "train", "val", "test"... when the source says so, else null
 * @param fileSize  file size in bytes, or -1 when the file is missing
 * @param sourceId  the image's id in the source labels (COCO id, VOC file stem...), or null
 */
public record ImageRecord(long id, String path, Integer width, Integer height, String format,
                          String split, long fileSize, String sourceId) {
    public ImageRecord {
        Objects.requireNonNull(path, "path");
        if (id <= 0) {
            throw new IllegalArgumentException("image id must be > 0: " + id);
        }
    }

    public boolean hasSize() {
        return width != null && height != null;
    }
}
