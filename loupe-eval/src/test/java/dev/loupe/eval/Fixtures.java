package dev.loupe.eval;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import java.util.ArrayList;
import java.util.List;

/** Small hand-made evaluation inputs: 100x100 images, box ground truths and detections. */
final class Fixtures {
    static final Category A = new Category(1, "a", null, "1");
    static final Category B = new Category(2, "b", null, "2");
    static final Category C = new Category(3, "c", null, "3");

    private final List<GroundTruth> gts = new ArrayList<>();
    private final List<Detection> dts = new ArrayList<>();

    static ImageRecord image(long id) {
        return new ImageRecord(id, "im" + id + ".jpg", 100, 100, "jpeg", null, -1, String.valueOf(id));
    }

    static List<ImageRecord> images(long... ids) {
        List<ImageRecord> out = new ArrayList<>();
        for (long id : ids) {
            out.add(image(id));
        }
        return out;
    }

    Fixtures gt(long image, Category c, double x, double y, double w, double h) {
        gts.add(GroundTruth.ofBox(gts.size() + 1, image, c.id(), new Box(x, y, w, h)));
        return this;
    }

    Fixtures crowd(long image, Category c, double x, double y, double w, double h) {
        Box b = new Box(x, y, w, h);
        gts.add(new GroundTruth(gts.size() + 1, image, c.id(), b, null, b.area(), true));
        return this;
    }

    Fixtures dt(long image, Category c, double score, double x, double y, double w, double h) {
        dts.add(Detection.ofBox(dts.size() + 1, image, c.id(), new Box(x, y, w, h), score));
        return this;
    }

    List<GroundTruth> gts() {
        return gts;
    }

    List<Detection> dts() {
        return dts;
    }

    EvalResult evaluate(List<ImageRecord> images, List<Category> categories) {
        return evaluate(images, categories, EvalParams.defaults(IouType.BBOX));
    }

    EvalResult evaluate(List<ImageRecord> images, List<Category> categories, EvalParams params) {
        return new CocoEvaluator().evaluate(images, categories, gts, dts, params);
    }
}
