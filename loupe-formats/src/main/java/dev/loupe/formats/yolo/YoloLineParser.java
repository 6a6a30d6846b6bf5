package dev.loupe.formats.yolo;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.BoxChecks;
import java.util.List;

/** Parses one line of a YOLO label file into an annotation in pixels, recording problems as issues. */
final class YoloLineParser {
    private final Category[] categories;
    private final DatasetSink sink;

    YoloLineParser(Category[] categories, DatasetSink sink) {
        this.categories = categories;
        this.sink = sink;
    }

    /** Emits the line's annotation (true) or an issue (false); blank lines and '#' comments are skipped. */
    boolean parse(String line, int lineNo, String file, ImageRecord image, long id) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return false;
        }
        String where = "line " + lineNo;
        String[] tok = s.split("\\s+");
        if (tok.length < 5) {
            return reject(file, where, "expected \"class cx cy w h\" (5 values), found " + tok.length + ": \"" + s + "\"");
        }
        double[] v = new double[tok.length - 1];
        for (int i = 1; i < tok.length; i++) {
            try {
                v[i - 1] = Double.parseDouble(tok[i]);
            } catch (NumberFormatException e) {
                return reject(file, where, "value " + (i + 1) + " \"" + tok[i] + "\" is not a number");
            }
        }
        Integer cls = classIndex(tok[0]);
        if (!image.hasSize()) {
            return reject(file, where, "normalised coordinates need the image size, but " + image.path()
                    + " could not be read");
        }
        int w = image.width();
        int h = image.height();
        Geometry geometry;
        Double confidence = null;
        if (v.length == 4 || v.length == 5) {
            Box box = new Box((v[0] - v[2] / 2) * w, (v[1] - v[3] / 2) * h, v[2] * w, v[3] * h);
            geometry = new Geometry.BoxShape(box);
            if (v.length == 5) {
                confidence = v[4];
            }
        } else if (v.length % 2 == 0 && v.length >= 6) {
            double[] xy = new double[v.length];
            for (int i = 0; i < v.length; i += 2) {
                xy[i] = v[i] * w;
                xy[i + 1] = v[i + 1] * h;
            }
            Polygon polygon = new Polygon(List.of(new Ring(xy, false)));
            geometry = new Geometry.PolygonShape(polygon.bounds(), polygon);
        } else {
            return reject(file, where, "expected 5 values (box), 6 (box + confidence) or an odd count >= 7 "
                    + "(class + polygon x,y pairs), found " + tok.length);
        }
        Category category = cls == null ? null : categories[cls];
        sink.annotation(new Annotation(id, image.id(), category == null ? null : category.id(), geometry, false,
                null, null, confidence, file + ":" + lineNo));
        if (category == null) {
            sink.issue(new Issue(IssueKind.UNKNOWN_CATEGORY, "annotation", id, file, where, "class \"" + tok[0]
                    + "\" is not an index 0.." + (categories.length - 1) + " of the class names; kept without a class"));
        }
        if (confidence != null && !(confidence >= 0 && confidence <= 1)) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "annotation", id, file, where,
                    "confidence " + confidence + " must be in [0, 1]"));
        }
        for (double x : v) {
            if (!Double.isFinite(x) || x < 0) {
                sink.issue(new Issue(IssueKind.NON_FINITE_OR_NEGATIVE, "annotation", id, file, where,
                        "normalised value " + x + " must be a finite number >= 0"));
                return true;
            }
        }
        BoxChecks.check(geometry.box(), w, h).ifPresent(p ->
                sink.issue(new Issue(p.kind(), "annotation", id, file, where, p.message())));
        return true;
    }

    private Integer classIndex(String token) {
        try {
            int i = Integer.parseInt(token);
            return i >= 0 && i < categories.length ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean reject(String file, String where, String message) {
        sink.issue(new Issue(IssueKind.INVALID_VALUE, "annotation", null, file, where, message + "; line not imported"));
        return false;
    }
}
