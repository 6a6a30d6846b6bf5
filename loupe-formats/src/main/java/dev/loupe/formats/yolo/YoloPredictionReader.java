package dev.loupe.formats.yolo;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.formats.BoxChecks;
import dev.loupe.formats.ClassList;
import dev.loupe.formats.TextLines;
import dev.loupe.formats.predictions.PredictionReader;
import dev.loupe.formats.predictions.ProjectCatalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads YOLO detections: a folder of {@code .txt} files, one per image (same relative path and
 * name as the image, or the same file name when unique), each line
 * {@code class cx cy w h confidence} in coordinates normalised by the image size (what
 * {@code yolo predict save_txt save_conf} writes). The class is an index into the class names file
 * when one is given, else into the project's classes in id order (a project imported from YOLO
 * keeps its names file's order). Boxes are converted to pixels with the image's size; the area is
 * w * h.
 */
public final class YoloPredictionReader implements PredictionReader {
    private final Path folder;
    private final Path classesFile;

    /** @param classesFile class names, one per line (or data.yaml); null for the project's classes */
    public YoloPredictionReader(Path folder, Path classesFile) {
        this.folder = folder;
        this.classesFile = classesFile;
    }

    @Override
    public String format() {
        return "yolo";
    }

    @Override
    public void read(ProjectCatalog project, long firstId, PredictionSink sink) {
        if (!Files.isDirectory(folder)) {
            throw LoupeException.badInput(folder + ": YOLO predictions folder not found (expected one .txt per image)");
        }
        Category[] classes = classes(project);
        long[] next = {firstId};
        for (Path f : files()) {
            String rel = folder.relativize(f).toString().replace('\\', '/');
            String stem = rel.substring(0, rel.length() - ".txt".length());
            ImageRecord image = project.imageBySourceId(stem);
            if (image == null) {
                image = project.imageByStem(stem);
            }
            if (image == null) {
                sink.issue(new Issue(IssueKind.UNKNOWN_IMAGE, "file", null, rel, null,
                        "no image of this project is named " + stem + ".*; its predictions are not imported"));
                continue;
            }
            readFile(f, rel, image, classes, next, sink);
        }
    }

    private Category[] classes(ProjectCatalog project) {
        if (classesFile == null) {
            return project.categories().toArray(new Category[0]);
        }
        List<String> names = ClassList.read(classesFile);
        Category[] out = new Category[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = project.categoryByName(names.get(i));
            if (out[i] == null) {
                throw LoupeException.badInput(classesFile + ": class \"" + names.get(i) + "\" (index " + i
                        + ") is not a class of this project; the project has " + project.categories().stream()
                        .map(Category::name).toList());
            }
        }
        return out;
    }

    private void readFile(Path f, String rel, ImageRecord image, Category[] classes, long[] next, PredictionSink sink) {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String s = TextLines.withoutBom(line, lineNo).strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String where = "line " + lineNo;
                Prediction p = parse(s, rel, where, image, classes, next[0], sink);
                if (p != null) {
                    sink.prediction(p);
                    BoxChecks.check(p.geometry().box(), image.width(), image.height()).ifPresent(pr ->
                            sink.issue(new Issue(pr.kind(), "prediction", p.id(), rel, where, pr.message())));
                    next[0]++;
                }
            }
        } catch (IOException e) {
            sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, rel, null, "cannot read: " + e.getMessage()));
        }
    }

    private static Prediction parse(String s, String rel, String where, ImageRecord image, Category[] classes, long id,
                                    PredictionSink sink) {
        String[] tok = s.split("\\s+");
        if (tok.length != 6) {
            return reject(sink, rel, where, "expected \"class cx cy w h confidence\" (6 values), found " + tok.length
                    + ": \"" + s + "\"", IssueKind.INVALID_VALUE);
        }
        int cls;
        try {
            cls = Integer.parseInt(tok[0]);
        } catch (NumberFormatException e) {
            return reject(sink, rel, where, "class \"" + tok[0] + "\" is not an integer index", IssueKind.INVALID_VALUE);
        }
        if (cls < 0 || cls >= classes.length) {
            return reject(sink, rel, where, "class index " + cls + " is not in 0.." + (classes.length - 1)
                    + "; not imported", IssueKind.UNKNOWN_CATEGORY);
        }
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            try {
                v[i] = Double.parseDouble(tok[i + 1]);
            } catch (NumberFormatException e) {
                return reject(sink, rel, where, "value " + (i + 2) + " \"" + tok[i + 1] + "\" is not a number",
                        IssueKind.INVALID_VALUE);
            }
            if (!Double.isFinite(v[i]) || v[i] < 0) {
                return reject(sink, rel, where, "value " + (i + 2) + " (" + tok[i + 1] + ") must be a finite number >= 0",
                        IssueKind.NON_FINITE_OR_NEGATIVE);
            }
        }
        if (v[4] > 1) {
            return reject(sink, rel, where, "confidence " + tok[5] + " must be in [0, 1]", IssueKind.INVALID_VALUE);
        }
        if (!image.hasSize()) {
            return reject(sink, rel, where, "normalised coordinates need the image size, but " + image.path()
                    + " could not be read", IssueKind.INVALID_VALUE);
        }
        int w = image.width();
        int h = image.height();
        Box box = new Box((v[0] - v[2] / 2) * w, (v[1] - v[3] / 2) * h, v[2] * w, v[3] * h);
        return new Prediction(id, image.id(), classes[cls].id(), new Geometry.BoxShape(box), v[4], box.w() * box.h(),
                rel + ":" + where.substring("line ".length()));
    }

    private static Prediction reject(PredictionSink sink, String rel, String where, String message, IssueKind kind) {
        sink.issue(new Issue(kind, "prediction", null, rel, where, message + (kind == IssueKind.UNKNOWN_CATEGORY
                ? "" : "; not imported")));
        return null;
    }

    private List<Path> files() {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .filter(p -> !p.getFileName().toString().equals("classes.txt"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, folder + ": cannot list: " + e.getMessage(), e);
        }
    }
}
