package dev.loupe.formats.masks;

import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.CategoryTable;
import java.nio.file.Path;

/**
 * The category of an instance id in a frame, for the YouTube-VOS layout
 * {@code <labels>/<video>/<frame>.<ext>}. When a {@code meta.json} is found (see
 * {@link VosMeta#find}) its categories are emitted up front in file order and instance k of video
 * v has the category {@code videos.v.objects.k.category}; an instance the file does not list has
 * no category (null) and gets an UNKNOWN_CATEGORY issue. Without a {@code meta.json} the masks
 * carry no class information at all, so every instance gets the single category
 * {@value #DEFAULT}.
 */
final class InstanceCategories {
    /** The one category used when there is no meta.json. */
    static final String DEFAULT = "object";

    private final VosMeta meta;
    private final CategoryTable table = new CategoryTable();

    InstanceCategories(Path labelsRoot, DatasetSink sink) {
        this.meta = VosMeta.find(labelsRoot, sink::issue).orElse(null);
        if (meta != null) {
            for (String name : meta.categoryNames()) {
                table.getOrAdd(sink, name, null);
            }
        }
    }

    /**
     * The category id of an instance, emitting the default category on first use, or null when
     * meta.json does not list the instance (the caller keeps the annotation and emits
     * {@link #unknown}).
     *
     * @param labelFile  the label file, '/'-separated and relative to the labels folder
     * @param instanceId the instance id as written in the labels ("1")
     */
    Integer categoryId(DatasetSink sink, String labelFile, String instanceId) {
        if (meta == null) {
            return table.getOrAdd(sink, DEFAULT, null).id();
        }
        String name = meta.category(video(labelFile), instanceId);
        return name == null ? null : table.get(name).id();
    }

    /** The UNKNOWN_CATEGORY issue for an annotation whose {@link #categoryId} was null. */
    Issue unknown(String labelFile, String instanceId, long annotationId) {
        String video = video(labelFile);
        return new Issue(IssueKind.UNKNOWN_CATEGORY, "annotation", annotationId, labelFile, "instance " + instanceId,
                "instance " + instanceId + " of video '" + video + "' is not listed in " + meta.file()
                        + "; kept without a category; expected an entry /videos/" + video + "/objects/" + instanceId
                        + "/category");
    }

    /** The video of a frame: the name of the folder that holds it ("" for a frame in the root). */
    static String video(String labelFile) {
        int slash = labelFile.lastIndexOf('/');
        if (slash < 0) {
            return "";
        }
        int previous = labelFile.lastIndexOf('/', slash - 1);
        return labelFile.substring(previous + 1, slash);
    }
}
