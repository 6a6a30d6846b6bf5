package dev.loupe.app.issues;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import dev.loupe.eval.labels.ObjectLab;
import dev.loupe.eval.labels.ObjectLabImage;
import dev.loupe.eval.labels.ObjectLabImage.LabeledBox;
import dev.loupe.eval.labels.ObjectLabImage.PredictedBox;
import dev.loupe.eval.labels.ObjectLabParams;
import dev.loupe.eval.labels.ObjectLabResult;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ObjectLab over a detection (or segmentation) set, on the shapes' bounding boxes: every box its
 * class's threshold flags becomes an entry (badly located, wrong class, missing label). Labelled
 * objects without a class and image-level labels are left out.
 */
final class DetectionIssues {
    private DetectionIssues() {
    }

    static List<IssueEntry> find(ProjectStore store, ProjectLabels project, PredictionSetInfo set) {
        Map<Long, List<Prediction>> predictions = new HashMap<>();
        store.predictions().forEach(set.id(), p -> predictions.computeIfAbsent(p.imageId(), k -> new ArrayList<>()).add(p));
        List<ImageRecord> images = new ArrayList<>(project.images().values());
        List<List<Annotation>> objects = new ArrayList<>();
        List<List<Prediction>> preds = new ArrayList<>();
        List<ObjectLabImage> input = new ArrayList<>();
        for (ImageRecord image : images) {
            List<Annotation> anns = project.byImage().getOrDefault(image.id(), List.of()).stream()
                    .filter(a -> !(a.geometry() instanceof Geometry.ImageLabel) && a.categoryId() != null).toList();
            List<Prediction> ps = predictions.getOrDefault(image.id(), List.of());
            objects.add(anns);
            preds.add(ps);
            input.add(new ObjectLabImage(
                    anns.stream().map(a -> new LabeledBox(a.geometry().box(), project.classIndex().get(a.categoryId())))
                            .toList(),
                    ps.stream().map(p -> new PredictedBox(p.geometry().box(), project.classIndex().get(p.categoryId()),
                            p.score())).toList()));
        }
        ObjectLabResult result = ObjectLab.score(input, ObjectLabParams.DEFAULTS);
        List<IssueEntry> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            ObjectLabResult.ImageScores s = result.images().get(i);
            String path = images.get(i).path();
            List<Annotation> anns = objects.get(i);
            List<Prediction> ps = preds.get(i);
            for (int b = 0; b < anns.size(); b++) {
                Annotation a = anns.get(b);
                int label = project.classIndex().get(a.categoryId());
                String given = project.className(label);
                if (result.isIssue(s.swapped()[b], label)) {
                    int j = s.swappedWith()[b];
                    String suggested = j < 0 ? null : project.categoryById().get(ps.get(j).categoryId()).name();
                    String reason = j < 0 ? "this box and a box of another class cover the same object: one object, "
                            + "two labels" : String.format(Locale.ROOT, "predicted %s %.2f on this box labelled %s",
                            suggested, ps.get(j).score(), given);
                    out.add(entry("wrong_class", set, path, a, given, suggested, s.swapped()[b], reason));
                }
                if (result.isIssue(s.badlyLocated()[b], label)) {
                    Prediction p = ps.get(s.locatedBy()[b]);
                    out.add(entry("badly_located", set, path, a, given, null, s.badlyLocated()[b], String.format(
                            Locale.ROOT, "the closest confident %s prediction (%.2f) is at %s, similarity %.2f: are this "
                                    + "box's edges right?", given, p.score(), text(p.geometry().box()),
                            s.badlyLocated()[b])));
                }
            }
            for (int j = 0; j < ps.size(); j++) {
                Prediction p = ps.get(j);
                int label = project.classIndex().get(p.categoryId());
                if (result.isIssue(s.overlooked()[j], label)) {
                    String cls = project.className(label);
                    Box box = p.geometry().box();
                    out.add(new IssueEntry(0, "missing_label", "objectlab", set.name(), path, null,
                            new double[] {box.x(), box.y(), box.w(), box.h()}, null, cls, s.overlooked()[j],
                            String.format(Locale.ROOT, "predicted %s %.2f at %s where no box is labelled: add it?", cls,
                                    p.score(), text(box))));
                }
            }
        }
        return out;
    }

    private static IssueEntry entry(String kind, PredictionSetInfo set, String path, Annotation a, String given,
                                    String suggested, double score, String reason) {
        Box b = a.geometry().box();
        return new IssueEntry(0, kind, "objectlab", set.name(), path, a.id(), new double[] {b.x(), b.y(), b.w(), b.h()},
                given, suggested, score, reason);
    }

    private static String text(Box b) {
        return String.format(Locale.ROOT, "[%.0f, %.0f, %.0f, %.0f]", b.x(), b.y(), b.w(), b.h());
    }
}
