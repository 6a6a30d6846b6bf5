package dev.loupe.app.export;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The folder layout of each label format, with and without splits:
 * <ul>
 *   <li>COCO: {@code annotations/instances.json} and {@code images/}; split: {@code annotations/instances_SPLIT.json}
 *       and {@code images/SPLIT/}; predictions {@code predictions/SET[_SPLIT].json} (results lists);</li>
 *   <li>YOLO: {@code images/}, {@code labels/} (a .txt per image, same relative path), {@code data.yaml}, darknet
 *       split lists {@code labels/SPLIT.txt}; split: {@code images/SPLIT/} and {@code labels/SPLIT/}; predictions
 *       {@code predictions/SET[/SPLIT]/...txt} with a confidence column;</li>
 *   <li>VOC: {@code Annotations/*.xml}, {@code JPEGImages/}, {@code ImageSets/Main/SPLIT.txt}; predictions in the
 *       devkit's results files {@code results/SET/comp4_det_SPLIT_CLASS.txt} (SPLIT {@code all} without splits).</li>
 * </ul>
 * Without {@code --split} an image keeps its own split where the format has lists (YOLO, VOC).
 */
final class LabelLayout {
    /** The darknet split lists the YOLO importer reads (loupe-formats' SplitLists). */
    static final Set<String> YOLO_LISTS = Set.of("train", "val", "valid", "test", "trainval");
    private final ExportRequest request;
    private final Selection sel;
    private final Map<Long, String> splitOf;
    private final Map<Long, List<Prediction>> predictions;
    private final String set;
    private final OutputFolder out;
    private final ImagePlacer placer;
    private final Losses losses;
    private final List<String> files = new ArrayList<>();

    LabelLayout(ExportRequest request, Selection sel, Map<Long, String> splitOf, Map<Long, List<Prediction>> predictions,
                String set, OutputFolder out, ImagePlacer placer, Losses losses) {
        this.request = request;
        this.sel = sel;
        this.splitOf = splitOf;
        this.predictions = predictions;
        this.set = set;
        this.out = out;
        this.placer = placer;
        this.losses = losses;
    }

    /** The plan's splits in order, or one unnamed group. */
    private Map<String, List<ImageRecord>> groups() {
        Map<String, List<ImageRecord>> groups = new LinkedHashMap<>();
        if (request.split() == null) {
            groups.put("", sel.images());
            return groups;
        }
        request.split().shares().keySet().forEach(s -> groups.put(s, new ArrayList<>()));
        for (ImageRecord i : sel.images()) {
            groups.get(splitOf.get(i.id())).add(i);
        }
        return groups;
    }

    List<String> coco() throws IOException {
        for (Map.Entry<String, List<ImageRecord>> g : groups().entrySet()) {
            String suffix = g.getKey().isEmpty() ? "" : "_" + g.getKey();
            String folder = g.getKey().isEmpty() ? "images" : "images/" + g.getKey();
            String name = "annotations/instances" + suffix + ".json";
            Map<Long, int[]> sizes = new HashMap<>();
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file(name)))) {
                CocoWriter w = new CocoWriter(os, losses);
                for (ImageRecord i : g.getValue()) {
                    String path = placer.labelPath(i);
                    placer.place(i, folder, path);
                    w.image(i, path);
                    if (i.hasSize()) {
                        sizes.put(i.id(), new int[] {i.height(), i.width()});
                    }
                }
                for (ImageRecord i : g.getValue()) {
                    sel.annotations(i.id()).forEach(w::annotation);
                }
                w.finish(sel.categories());
            }
            if (set != null) {
                List<Prediction> ps = new ArrayList<>();
                g.getValue().forEach(i -> ps.addAll(predictions.getOrDefault(i.id(), List.of())));
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(
                        file("predictions/" + OutputFolder.safeName(set) + suffix + ".json")))) {
                    CocoWriter.results(os, ps, sizes, losses);
                }
            }
        }
        if (request.split() == null) {
            losses.add(Exporter.COCO_SPLITS, sel.images().stream().filter(i -> i.split() != null).count());
        }
        return files;
    }

    List<String> yolo() throws IOException {
        YoloWriter yw = new YoloWriter(sel.categories());
        Map<String, List<String>> lists = new TreeMap<>();
        for (ImageRecord i : sel.images()) {
            String split = splitOf.get(i.id());
            String sub = split == null ? "" : "/" + split;
            String path = placer.labelPath(i);
            placer.place(i, "images" + sub, path);
            String stemPath = stripExtension(OutputFolder.sanitise(i.path()));
            Exporter.write(file("labels" + sub + "/" + stemPath + ".txt"), yw.labels(i, sel.annotations(i.id()), losses));
            String listed = split != null ? split : i.split() == null ? null : OutputFolder.safeName(i.split());
            if (listed != null) {
                lists.computeIfAbsent(listed, k -> new ArrayList<>()).add(placer.mode() == ImageMode.NONE ? path : "images" + sub + "/" + path);
            }
            List<Prediction> ps = predictions.getOrDefault(i.id(), List.of());
            if (set != null) {
                StringBuilder sb = new StringBuilder();
                for (Prediction p : ps) {
                    String line = yw.prediction(i, p.categoryId(), p.geometry(), p.score(), losses);
                    if (line != null) {
                        sb.append(line);
                    }
                }
                Exporter.write(file("predictions/" + OutputFolder.safeName(set) + sub + "/" + stemPath + ".txt"), sb.toString());
            }
        }
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            // Only the lists YOLO readers know: any other .txt in labels/ would be read back as a label file.
            if (YOLO_LISTS.contains(e.getKey())) {
                Exporter.write(file("labels/" + e.getKey() + ".txt"), String.join("\n", e.getValue()) + "\n");
            } else if (request.split() == null) {
                losses.add("image splits other than train, val, valid, test, trainval not kept (YOLO split lists have those names)",
                        e.getValue().size());
            }
        }
        List<String> folders = new ArrayList<>();
        if (request.split() != null) {
            request.split().shares().keySet().forEach(s -> folders.add("images/" + s));
        } else if (placer.mode() != ImageMode.NONE) {
            folders.add("images");
        }
        Exporter.write(file("data.yaml"), YoloWriter.dataYaml(sel.categories(), folders));
        return files;
    }

    List<String> voc() throws IOException {
        Map<Integer, Category> classes = sel.categoryById();
        Map<String, List<String>> lists = new TreeMap<>();
        Set<String> stems = new HashSet<>();
        Map<String, StringBuilder> results = new TreeMap<>();
        for (ImageRecord i : sel.images()) {
            String path = placer.labelPath(i);
            placer.place(i, "JPEGImages", path);
            String stem = stripExtension(OutputFolder.sanitise(i.path())).replace("/", "__");
            if (!stems.add(stem)) {
                stem = stem + "-" + i.id();
                stems.add(stem);
            }
            Exporter.write(file("Annotations/" + stem + ".xml"), VocWriter.xml(i, path, sel.annotations(i.id()), classes, losses));
            String split = splitOf.get(i.id());
            String listed = split != null ? split : i.split() == null ? null : OutputFolder.safeName(i.split());
            if (listed != null) {
                lists.computeIfAbsent(listed, k -> new ArrayList<>()).add(stem);
            }
            for (Prediction p : predictions.getOrDefault(i.id(), List.of())) {
                Category c = classes.get(p.categoryId());
                if (!(p.geometry() instanceof dev.loupe.core.model.Geometry.BoxShape)) {
                    losses.add("predicted shapes written as their bounding boxes (VOC results are boxes)");
                }
                Box b = p.geometry().box();
                String key = (split == null ? "all" : split) + "_" + OutputFolder.safeName(c == null ? "unknown" : c.name());
                results.computeIfAbsent(key, k -> new StringBuilder()).append(stem).append(' ').append(p.score()).append(' ')
                        .append(VocWriter.number(b.x())).append(' ').append(VocWriter.number(b.y())).append(' ')
                        .append(VocWriter.number(b.x() + b.w())).append(' ').append(VocWriter.number(b.y() + b.h())).append('\n');
            }
        }
        for (Map.Entry<String, List<String>> e : lists.entrySet()) {
            Exporter.write(file("ImageSets/Main/" + e.getKey() + ".txt"), String.join("\n", e.getValue()) + "\n");
        }
        for (Map.Entry<String, StringBuilder> e : results.entrySet()) {
            Exporter.write(file("results/" + OutputFolder.safeName(set) + "/comp4_det_" + e.getKey() + ".txt"), e.getValue().toString());
        }
        Set<Integer> used = new HashSet<>();
        sel.byImage().values().forEach(as -> as.forEach(a -> {
            if (a.categoryId() != null && !(a.geometry() instanceof dev.loupe.core.model.Geometry.ImageLabel)) {
                used.add(a.categoryId());
            }
        }));
        losses.add("classes with no object in the export not listed (VOC files name only the classes of their objects)",
                sel.categories().stream().filter(c -> !used.contains(c.id())).count());
        return files;
    }

    /** A command line that imports the export back into a new project. */
    String reimport(Path imagesRoot) {
        Path root = out.root();
        String first = request.split() == null ? "" : request.split().shares().keySet().iterator().next();
        boolean none = placer.mode() == ImageMode.NONE;
        return switch (request.format()) {
            case COCO -> "loupe init NEW_PROJECT --images " + (none ? imagesRoot : root.resolve(first.isEmpty() ? "images" : "images/" + first))
                    + " --coco " + root.resolve("annotations/instances" + (first.isEmpty() ? "" : "_" + first) + ".json")
                    + (first.isEmpty() ? "" : "   (one project per split file)");
            case YOLO -> "loupe init NEW_PROJECT --images " + (none ? imagesRoot : root.resolve("images")) + " --yolo " + root.resolve("labels");
            case VOC -> "loupe init NEW_PROJECT --images " + (none ? imagesRoot : root.resolve("JPEGImages")) + " --voc " + root;
            default -> null;
        };
    }

    private Path file(String relative) {
        files.add(relative);
        return out.file(relative);
    }

    static String stripExtension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash + 1 ? path.substring(0, dot) : path;
    }
}
