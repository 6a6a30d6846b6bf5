package dev.loupe.formats.masks;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code boxes-json} dataset format. */
public final class BoxJsonFormat implements DatasetFormat {
    @Override
    public String id() {
        return "boxes-json";
    }

    @Override
    public String description() {
        return "normalised box JSON per image ({id: {x, y, w, h}}), same layout as the images";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.folder("box JSON folder");
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new NormalisedBoxJsonImporter(r.images(), r.labels());
    }
}
