package dev.loupe.app.issues;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.eval.labels.ClassProbabilities;
import dev.loupe.eval.labels.ConfidentLearning;
import dev.loupe.eval.labels.IssueFilter;
import dev.loupe.eval.labels.LabelQuality;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Confident learning over a classification set: the items are the images with exactly one
 * image-level label and class probabilities; a class without a column in the set has probability
 * 0. Rows must sum to 1: a row that does not stops the command, naming the set's file and image.
 */
final class ClassificationIssues {
    private ClassificationIssues() {
    }

    static List<IssueEntry> find(ProjectStore store, ProjectLabels project, PredictionSetInfo set, IssueFilter filter,
                                 LabelQuality rankBy) {
        Map<Long, Map<Integer, Double>> probabilities = store.predictions().classProbabilities(set.id());
        int k = project.categories().size();
        List<ImageRecord> items = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (Map.Entry<Long, Map<Integer, Double>> e : probabilities.entrySet()) {
            List<Annotation> imageLabels = project.byImage().getOrDefault(e.getKey(), List.of()).stream()
                    .filter(a -> a.geometry() instanceof Geometry.ImageLabel && a.categoryId() != null).toList();
            if (imageLabels.size() != 1) {
                continue;
            }
            ImageRecord image = project.images().get(e.getKey());
            double[] p = new double[k];
            e.getValue().forEach((c, v) -> p[project.classIndex().get(c)] = v);
            check(set, image, p, project);
            items.add(image);
            labels.add(new int[] {project.classIndex().get(imageLabels.get(0).categoryId())});
            rows.add(p);
        }
        if (items.isEmpty()) {
            return List.of();
        }
        if (k < 2) {
            throw LoupeException.badInput("confident learning needs at least 2 classes; the project has " + k);
        }
        ClassProbabilities in = new ClassProbabilities(labels.stream().mapToInt(l -> l[0]).toArray(),
                rows.toArray(new double[0][]), k);
        List<Item> described = items.stream().map(i -> new Item(i.path(), null, null)).toList();
        return entries(in, described, filter, rankBy, project, set.name(), "predicted");
    }

    /**
     * An item as an entry shows it.
     *
     * @param image        image path
     * @param annotationId the object, or null for an image-level item
     * @param box          the object's [x, y, w, h], or null
     */
    record Item(String image, Long annotationId, double[] box) {
    }

    /** The flagged items of confident learning as entries, in cleanlab's ranked order. */
    static List<IssueEntry> entries(ClassProbabilities in, List<Item> items, IssueFilter filter, LabelQuality rankBy,
                                    ProjectLabels project, String setName, String verb) {
        boolean[] mask = ConfidentLearning.findLabelIssues(in, filter);
        List<IssueEntry> out = new ArrayList<>();
        for (int i : ConfidentLearning.rank(in, mask, rankBy)) {
            double[] p = in.probabilities()[i];
            int given = in.labels()[i];
            int predicted = in.predicted(i);
            String givenName = project.className(given);
            String predictedName = project.className(predicted);
            Item item = items.get(i);
            out.add(new IssueEntry(0, "wrong_class", "confident_learning", setName, item.image(), item.annotationId(),
                    item.box(), givenName, predictedName, rankBy.score(p, given), String.format(Locale.ROOT,
                    "%s %s %.2f on this %s labelled %s (%.2f)", verb, predictedName, p[predicted],
                    item.annotationId() == null ? "image" : "box", givenName, p[given])));
        }
        return out;
    }

    /** Refuses a row that is not a probability distribution over the project's classes. */
    private static void check(PredictionSetInfo set, ImageRecord image, double[] p, ProjectLabels project) {
        double sum = 0;
        for (double v : p) {
            sum += v;
        }
        if (Math.abs(sum - 1) > ClassProbabilities.SUM_TOLERANCE) {
            List<String> missing = new ArrayList<>();
            for (int c = 0; c < p.length; c++) {
                if (p[c] == 0) {
                    missing.add(project.className(c));
                }
            }
            throw LoupeException.badInput(String.format(Locale.ROOT, "%s: row of image \"%s\": the probabilities over "
                    + "the project's %d classes sum to %.6f, expected 1 (+- %s)%s; confident learning needs out-of-sample "
                    + "class probabilities (a softmax)", set.source(), image.path(), p.length, sum,
                    ClassProbabilities.SUM_TOLERANCE, missing.isEmpty() ? "" : "; classes at 0 or without a column: "
                            + missing));
        }
    }
}
