package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.formats.ClassList;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.folders.ClassFolderImporter;
import dev.loupe.formats.masks.InstanceMaskImporter;
import dev.loupe.formats.masks.NormalisedBoxJsonImporter;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.formats.yolo.YoloImporter;
import dev.loupe.store.ImportSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Chooses and configures the importer for 'loupe init' options, checking paths before anything is written. */
final class Importers {
    private Importers() {
    }

    static DatasetImporter create(Path images, InitCommand.LabelSource l, Path classes) {
        requireDir("images folder (--images)", images);
        if (classes != null && !Files.isRegularFile(classes)) {
            throw LoupeException.badInput("class names file (--classes) not found: " + classes);
        }
        if (l.coco != null) {
            if (Files.isDirectory(l.coco)) {
                throw LoupeException.badInput("--coco expects a COCO JSON file, but " + l.coco + " is a folder "
                        + "(for a VOC or YOLO folder use --voc or --yolo)");
            }
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
        if (l.masks != null) {
            requireDir("masks folder (--masks)", l.masks);
            return new InstanceMaskImporter(images, l.masks);
        }
        if (l.boxesJson != null) {
            requireDir("box JSON folder (--boxes-json)", l.boxesJson);
            return new NormalisedBoxJsonImporter(images, l.boxesJson);
        }
        return new ClassFolderImporter(images);
    }

    static ImportSource source(DatasetImporter importer, Path images, InitCommand.LabelSource l, Path classes) {
        Path labels = l.coco != null ? l.coco : l.voc != null ? l.voc : l.yolo != null ? l.yolo
                : l.masks != null ? l.masks : l.boxesJson;
        Map<String, String> params = new HashMap<>();
        if (classes != null) {
            params.put("classes", classes.toAbsolutePath().normalize().toString());
        }
        return new ImportSource(importer.format(), images,
                labels == null ? null : labels.toAbsolutePath().normalize().toString(), params);
    }

    private static void requireDir(String what, Path p) {
        if (Files.isRegularFile(p)) {
            throw LoupeException.badInput(what + " must be a folder, but " + p + " is a file");
        }
        if (!Files.isDirectory(p)) {
            throw LoupeException.badInput(what + " not found: " + p);
        }
    }
}
