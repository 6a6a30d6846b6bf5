package dev.loupe.formats.masks;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code masks} dataset format. */
public final class InstanceMaskFormat implements DatasetFormat {
    @Override
    public String id() {
        return "masks";
    }

    @Override
    public String description() {
        return "PNG instance masks (pixel value = instance id), same layout as the images";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.folder("masks folder");
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new InstanceMaskImporter(r.images(), r.labels());
    }
}
