package dev.loupe.example;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;

/**
 * A dataset format plugin: {@code class-list}, a text file of {@code path,class} lines, one image-level label per
 * image (a classification dataset kept as a list rather than as class folders).
 * {@code loupe init PROJECT --images DIR --plugins PLUGINS --format class-list --labels list.csv}.
 */
public final class ClassListFormat implements DatasetFormat {
    @Override
    public String id() {
        return "class-list";
    }

    @Override
    public String description() {
        return "classification list: one 'path,class' line per image, the path relative to the images folder";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.file("class list");
    }

    @Override
    public DatasetImporter open(ImportRequest request) {
        return new ClassListImporter(request.labels(), request.images());
    }
}
