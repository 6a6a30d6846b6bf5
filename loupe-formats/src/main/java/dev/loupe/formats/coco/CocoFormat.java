package dev.loupe.formats.coco;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code coco} dataset format. */
public final class CocoFormat implements DatasetFormat {
    @Override
    public String id() {
        return "coco";
    }

    @Override
    public String description() {
        return "COCO instances JSON (boxes, polygons, RLE masks; crowd)";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.file("COCO file");
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new CocoImporter(r.labels(), r.images());
    }
}
