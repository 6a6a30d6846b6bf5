package dev.loupe.cli.plugins;

import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;
import dev.loupe.formats.coco.CocoImporter;

/** A plugin that claims the built-in id "coco" (the registry must refuse it, naming both classes). */
public final class SecondCoco implements DatasetFormat {
    @Override
    public String id() {
        return "coco";
    }

    @Override
    public String description() {
        return "test: a second coco";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.file("COCO file");
    }

    @Override
    public DatasetImporter open(ImportRequest request) {
        return new CocoImporter(request.labels(), request.images());
    }
}
