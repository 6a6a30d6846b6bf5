package dev.loupe.spark;

import dev.loupe.core.LoupeException;
import dev.loupe.formats.ClassList;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.folders.ClassFolderImporter;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.formats.yolo.YoloImporter;
import dev.loupe.store.ImportSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The job's label options (as 'loupe init''s) and the importer they choose; paths are checked before Spark starts. */
final class JobImporters {
    private JobImporters() {
    }

    /** Exactly one label source. */
    static final class LabelSource {
        @Option(names = "--coco", paramLabel = "FILE", description = "COCO instances JSON")
        Path coco;
        @Option(names = "--voc", paramLabel = "DIR", description = "Pascal VOC folder (Annotations/*.xml or *.xml; ImageSets/Main splits)")
        Path voc;
        @Option(names = "--yolo", paramLabel = "DIR", description = "YOLO txt labels folder")
        Path yolo;
        @Option(names = "--folders", description = "classification: one sub-folder of --images per class")
        boolean folders;
    }

    static DatasetImporter create(Path images, LabelSource l, Path classes) {
        requireDir("images folder (--images)", images);
        if (classes != null && !Files.isRegularFile(classes)) {
            throw LoupeException.badInput("class names file (--classes) not found: " + classes);
        }
        if (l.coco != null) {
            if (!Files.isRegularFile(l.coco)) {
                throw LoupeException.badInput("COCO file (--coco) not found: " + l.coco);
            }
            return new CocoImporter(l.coco, images);
        }
        if (l.voc != null) {
            requireDir("VOC folder (--voc)", l.voc);
            return new VocImporter(l.voc, images, classes == null ? null : ClassList.read(classes));
        }
        if (l.yolo != null) {
            requireDir("YOLO labels folder (--yolo)", l.yolo);
            return new YoloImporter(l.yolo, images, classes);
        }
        return new ClassFolderImporter(images);
    }

    static ImportSource source(DatasetImporter importer, Path images, LabelSource l, Path classes) {
        Path labels = l.coco != null ? l.coco : l.voc != null ? l.voc : l.yolo;
        Map<String, String> params = new HashMap<>();
        if (classes != null) {
            params.put("classes", classes.toAbsolutePath().normalize().toString());
        }
        return new ImportSource(importer.format(), images, labels == null ? null : labels.toAbsolutePath().normalize().toString(), params);
    }

    private static void requireDir(String what, Path p) {
        if (!Files.isDirectory(p)) {
            throw LoupeException.badInput(what + " not found or not a folder: " + p);
        }
    }
}
