package dev.loupe.cli.plugins;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.formats.CategoryTable;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImageCatalog;
import dev.loupe.formats.ImportRequest;
import dev.loupe.formats.LabelInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A plugin's dataset format for the CLI tests: a text file of "path,class" lines (image-level labels). */
public final class ClassListFormat implements DatasetFormat {
    @Override
    public String id() {
        return "test-class-list";
    }

    @Override
    public String description() {
        return "test: one 'path,class' line per image";
    }

    @Override
    public LabelInput labels() {
        return LabelInput.file("class list");
    }

    @Override
    public DatasetImporter open(ImportRequest request) {
        return new DatasetImporter() {
            @Override
            public String format() {
                return "test-class-list";
            }

            @Override
            public void read(DatasetSink sink) {
                List<String> lines;
                try {
                    lines = Files.readAllLines(request.labels());
                } catch (IOException e) {
                    throw LoupeException.badInput(request.labels() + ": " + e.getMessage());
                }
                ImageCatalog catalog = new ImageCatalog(request.images());
                CategoryTable classes = new CategoryTable();
                long next = 1;
                for (String line : lines) {
                    String[] cells = line.split(",");
                    ImageRecord image = catalog.add(sink, cells[0], null, null, null, null, null, null);
                    int category = classes.getOrAdd(sink, cells[1], cells[1]).id();
                    sink.annotation(Annotation.of(next++, image.id(), category, new Geometry.ImageLabel(), cells[0]));
                }
            }
        };
    }
}
