package dev.loupe.formats.voc;

import dev.loupe.formats.ClassList;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code voc} dataset format. */
public final class VocFormat implements DatasetFormat {
    @Override
    public String id() {
        return "voc";
    }

    @Override
    public String description() {
        return "Pascal VOC folder (Annotations/*.xml or *.xml; ImageSets/Main splits); --classes restricts the classes";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.folder("VOC folder");
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new VocImporter(r.labels(), r.images(), r.classes() == null ? null : ClassList.read(r.classes()));
    }
}
