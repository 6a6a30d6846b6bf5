package dev.loupe.formats.yolo;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code yolo} dataset format. */
public final class YoloFormat implements DatasetFormat {
    @Override
    public String id() {
        return "yolo";
    }

    @Override
    public String description() {
        return "YOLO txt labels folder (boxes or polygons; classes from --classes or found beside the labels)";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.folder("YOLO labels folder");
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new YoloImporter(r.labels(), r.images(), r.classes());
    }
}
