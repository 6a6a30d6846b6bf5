package dev.loupe.formats.list;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/** The built-in {@code list} dataset format: a text file of image paths, each with an optional class. */
public final class ImageListFormat implements DatasetFormat {
    @Override
    public String id() {
        return "list";
    }

    @Override
    public String description() {
        return "a text file with one image path per line (relative to the images folder), each optionally with its class "
                + "after a tab (or a space when the path has none); # starts a comment";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.file("image list");
    }

    @Override
    public DatasetImporter open(ImportRequest r) {
        return new ImageListImporter(r.labels(), r.images());
    }
}
