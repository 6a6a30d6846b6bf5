package dev.loupe.app.export;

import dev.loupe.store.filter.ItemFilter;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code loupe export} is asked to write.
 *
 * @param format      the format
 * @param filter      the selection (image filters: the images with all their annotations; annotation
 *                    filters: those annotations and their images)
 * @param predictions a detection set to write beside the labels in the format's prediction flavour, or null
 * @param images      copy, link or leave the image files
 * @param split       how to deal the images to splits, or null to keep each image's own split
 * @param out         the output folder; everything is written under it
 * @param force       write into a non-empty folder (files of the same name are replaced, others kept)
 */
public record ExportRequest(ExportFormat format, ItemFilter filter, String predictions, ImageMode images, SplitPlan split,
                            Path out, boolean force) {
    public ExportRequest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(out, "out");
    }
}
