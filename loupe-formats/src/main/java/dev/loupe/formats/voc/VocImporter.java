package dev.loupe.formats.voc;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.BoxChecks;
import dev.loupe.formats.CategoryTable;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.ImageCatalog;
import dev.loupe.formats.SplitLists;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;

/**
 * Pascal VOC importer: one XML file per image in {@code DIR/Annotations} (or in DIR itself), with
 * splits from {@code DIR/ImageSets/Main/{train,val,test,trainval}.txt} when present.
 *
 * <p>Coordinates: {@code xmin, ymin, xmax, ymax} are read as continuous pixel coordinates, so the
 * box is x = xmin, y = ymin, w = xmax - xmin, h = ymax - ymin. This is what CVAT, torchvision and
 * the COCO/YOLO copies of VOC data use (the voc100 COCO and YOLO files agree with it exactly); the
 * original devkit's 1-based inclusive pixel indices would add one pixel to each side.
 */
public final class VocImporter implements DatasetImporter {
    private final Path vocRoot;
    private final ImageCatalog catalog;
    private final List<String> declaredClasses;

    /**
     * @param declaredClasses class names to accept, in id order, or null to take every name the
     *                        files use (in the order first seen)
     */
    public VocImporter(Path vocRoot, Path imagesRoot, List<String> declaredClasses) {
        this.vocRoot = vocRoot;
        this.catalog = new ImageCatalog(imagesRoot);
        this.declaredClasses = declaredClasses;
    }

    @Override
    public String format() {
        return "voc";
    }

    @Override
    public void read(DatasetSink sink) {
        Path xmlDir = Files.isDirectory(vocRoot.resolve("Annotations")) ? vocRoot.resolve("Annotations") : vocRoot;
        List<Path> files = xmlFiles(xmlDir);
        if (files.isEmpty()) {
            throw LoupeException.badInput(vocRoot + ": no Pascal VOC .xml files (looked in " + xmlDir + ")");
        }
        Map<String, String> splits = SplitLists.read(vocRoot.resolve("ImageSets").resolve("Main"));
        CategoryTable categories = new CategoryTable();
        if (declaredClasses != null) {
            declaredClasses.forEach(n -> categories.getOrAdd(sink, n, null));
        }
        VocXmlReader reader = new VocXmlReader();
        long nextAnnotation = 1;
        for (Path file : files) {
            String label = xmlDir.relativize(file).toString().replace('\\', '/');
            VocFile voc;
            try {
                voc = reader.read(file);
            } catch (XMLStreamException e) {
                String where = e.getLocation() == null ? null : "line " + e.getLocation().getLineNumber()
                        + ", column " + e.getLocation().getColumnNumber();
                sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, label, where,
                        "invalid XML, file not imported: " + firstLine(e.getMessage())));
                continue;
            } catch (IOException e) {
                sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, label, null, "cannot read: " + e.getMessage()));
                continue;
            }
            String stem = SplitLists.stem(file.getFileName().toString());
            String imagePath = voc.filename() == null || voc.filename().isEmpty() ? guessImage(stem) : voc.filename();
            ImageRecord image = catalog.add(sink, imagePath, positiveInt(voc.width()), positiveInt(voc.height()),
                    splits.get(stem), stem, label, "<size>");
            for (VocObject o : voc.objects()) {
                if (emit(sink, categories, image, o, label, nextAnnotation)) {
                    nextAnnotation++;
                }
            }
        }
    }

    private boolean emit(DatasetSink sink, CategoryTable categories, ImageRecord image, VocObject o, String label, long id) {
        String where = "line " + o.line();
        Double x1 = number(o.xmin());
        Double y1 = number(o.ymin());
        Double x2 = number(o.xmax());
        Double y2 = number(o.ymax());
        if (x1 == null || y1 == null || x2 == null || y2 == null) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "annotation", null, label, where,
                    "object \"" + o.name() + "\" not imported: <bndbox> needs numeric xmin, ymin, xmax, ymax, found "
                            + o.xmin() + ", " + o.ymin() + ", " + o.xmax() + ", " + o.ymax()));
            return false;
        }
        Category category = null;
        if (o.name() != null && !o.name().isEmpty()) {
            category = declaredClasses == null ? categories.getOrAdd(sink, o.name(), null) : categories.get(o.name());
        }
        Box box = Box.fromCorners(x1, y1, x2, y2);
        String sourceId = label + "#" + o.line();
        sink.annotation(new Annotation(id, image.id(), category == null ? null : category.id(),
                new Geometry.BoxShape(box), false, null, null, null, sourceId, o.difficult()));
        if (category == null) {
            sink.issue(new Issue(IssueKind.UNKNOWN_CATEGORY, "annotation", id, label, where,
                    "object class \"" + o.name() + "\" is not among the declared classes; kept without a class"));
        }
        BoxChecks.check(box, image.width(), image.height()).ifPresent(p ->
                sink.issue(new Issue(p.kind(), "annotation", id, label, where, p.message())));
        return true;
    }

    private String guessImage(String stem) {
        for (String ext : List.of(".jpg", ".jpeg", ".png", ".JPG", ".PNG")) {
            Path f = catalog.resolve(stem + ext);
            if (f != null && Files.exists(f)) {
                return stem + ext;
            }
        }
        return stem + ".jpg";
    }

    private static List<Path> xmlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LoupeException.badInput(dir + ": VOC folder not found");
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    private static Double number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer positiveInt(String s) {
        Double d = number(s);
        return d != null && d > 0 && d == Math.rint(d) && d < Integer.MAX_VALUE ? d.intValue() : null;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().reduce((a, b) -> b).orElse(s).strip();
    }
}
