package dev.loupe.formats;

import dev.loupe.core.model.DatasetSink;

/**
 * Reads one labelled dataset and streams categories, images, annotations and issues into a sink.
 * Implementations validate everything: a bad item becomes an {@link dev.loupe.core.model.Issue}
 * (kept, never silently dropped); only a source that is not in the format at all (missing folder,
 * not a COCO file) throws {@link dev.loupe.core.LoupeException}.
 */
public interface DatasetImporter {
    /** Short format name stored in the project ("coco", "voc", "yolo", "folders", "masks", "boxes-json", "list"). */
    String format();

    /** Streams the dataset into the sink. */
    void read(DatasetSink sink);

    /**
     * How the source's layout was read, for the import summary (e.g. "3 splits (train, val, test),
     * 10 classes"), once {@link #read} has run; null when there is nothing to say.
     */
    default String layout() {
        return null;
    }
}
