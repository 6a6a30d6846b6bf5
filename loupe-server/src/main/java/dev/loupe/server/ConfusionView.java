package dev.loupe.server;

import dev.loupe.app.BadRequest;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.eval.confusion.DetectionConfusion;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/eval/confusion}: a detection set's confusion matrix over the project's classes
 * plus background ({@link DetectionConfusion}) at an IoU threshold of the grid and a lowest score,
 * and, for one cell, the items behind it (what the Explorer opens).
 *
 * @param classes  class names in id order, then "background"
 * @param counts   [true class or background][predicted class or background]
 * @param iou      the threshold used
 * @param minScore the lowest score counted
 */
record ConfusionView(String set, double iou, double minScore, List<String> classes, long[][] counts) {
    static final String BACKGROUND = "background";

    /** The items of one cell: ground truths (the background column: missed) or predictions, ids in image order. */
    record Cell(String trueClass, String predictedClass, long count, String scope, List<Long> ids) {
    }

    static DetectionConfusion.Matrix matrix(ProjectStore store, String setName, int tIndex, double minScore) {
        PredictionSetInfo set = store.predictions().set(setName);
        if (set.classification()) {
            throw new BadRequest("set '" + setName + "' is a classification set: its confusion matrix is on /api/eval");
        }
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new BadRequest("score must be between 0 and 1, got " + minScore);
        }
        List<Category> categories = store.labels().categories();
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i).id(), i);
        }
        Map<Long, List<DetectionConfusion.Truth>> truths = new HashMap<>();
        store.labels().forEachAnnotation((Annotation a) -> {
            Integer c = a.categoryId() == null ? null : index.get(a.categoryId());
            if (c != null && a.geometry().box() != null) {
                truths.computeIfAbsent(a.imageId(), k -> new ArrayList<>())
                        .add(new DetectionConfusion.Truth(a.id(), c, a.geometry().box(), a.crowd()));
            }
        });
        Map<Long, List<DetectionConfusion.Guess>> guesses = new HashMap<>();
        store.predictions().forEach(set.id(), (Prediction p) -> {
            Integer c = index.get(p.categoryId());
            if (c != null && p.geometry().box() != null) {
                guesses.computeIfAbsent(p.imageId(), k -> new ArrayList<>())
                        .add(new DetectionConfusion.Guess(p.id(), c, p.geometry().box(), p.score()));
            }
        });
        DetectionConfusion.Builder b = DetectionConfusion.builder(categories.size(), Thresholds.value(tIndex), minScore);
        java.util.TreeSet<Long> images = new java.util.TreeSet<>(truths.keySet());
        images.addAll(guesses.keySet());
        for (long image : images) {
            b.image(truths.getOrDefault(image, List.of()), guesses.getOrDefault(image, List.of()));
        }
        return b.build();
    }

    static ConfusionView of(ProjectStore store, String setName, int tIndex, double minScore) {
        DetectionConfusion.Matrix m = matrix(store, setName, tIndex, minScore);
        List<String> names = new ArrayList<>(store.labels().categories().stream().map(Category::name).toList());
        names.add(BACKGROUND);
        return new ConfusionView(setName, Thresholds.value(tIndex), minScore, names, m.counts());
    }

    static Cell cell(ProjectStore store, String setName, int tIndex, double minScore, int row, int column) {
        DetectionConfusion.Matrix m = matrix(store, setName, tIndex, minScore);
        int n = m.classes() + 1;
        if (row < 0 || row >= n || column < 0 || column >= n) {
            throw new BadRequest("row and column must be between 0 and " + (n - 1) + ", got " + row + ", " + column);
        }
        List<String> names = new ArrayList<>(store.labels().categories().stream().map(Category::name).toList());
        names.add(BACKGROUND);
        boolean missed = column == m.classes();
        List<Long> ids = new ArrayList<>(missed ? m.truthIds().get(row).get(column) : m.guessIds().get(row).get(column));
        java.util.Collections.sort(ids);
        return new Cell(names.get(row), names.get(column), m.count(row, column), missed ? "annotation" : "prediction", ids);
    }
}
