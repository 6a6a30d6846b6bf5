package dev.loupe.formats.folders;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code folders} dataset format. */
public final class FoldersFormat implements DatasetFormat {
    @Override
    public String id() {
        return "folders";
    }

    @Override
    public String description() {
        return "classification: one sub-folder of the images folder per class";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.none();
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new ClassFolderImporter(r.images());
    }
}
