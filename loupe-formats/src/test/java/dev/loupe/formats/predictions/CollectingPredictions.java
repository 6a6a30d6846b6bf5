package dev.loupe.formats.predictions;

import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Test sink keeping what a prediction reader emits; checks ids are unique and consecutive. */
public final class CollectingPredictions implements PredictionSink {
    public final List<Prediction> predictions = new ArrayList<>();
    public final Map<Long, Map<Integer, Double>> probabilities = new TreeMap<>();
    public final List<Issue> issues = new ArrayList<>();
    private final Set<Long> ids = new HashSet<>();

    /** A small project: images 1..n named img1.jpg.. (100x50, COCO ids "11", "12"...), classes cat (id 1, source "7"), dog (2, "9"). */
    public static ProjectCatalog catalog(int images) {
        List<ImageRecord> ims = new ArrayList<>();
        for (int i = 1; i <= images; i++) {
            ims.add(new ImageRecord(i, "sub/img" + i + ".jpg", 100, 50, "jpeg", null, 1000, Integer.toString(10 + i)));
        }
        return new ProjectCatalog(ims, List.of(new Category(1, "cat", null, "7"), new Category(2, "dog", null, "9")));
    }

    public static CollectingPredictions read(PredictionReader reader, ProjectCatalog catalog) {
        CollectingPredictions sink = new CollectingPredictions();
        reader.read(catalog, 1, sink);
        return sink;
    }

    @Override
    public void prediction(Prediction p) {
        if (!ids.add(p.id()) || p.id() != predictions.size() + 1) {
            throw new AssertionError("prediction ids must be unique and consecutive from 1: " + p.id());
        }
        predictions.add(p);
    }

    @Override
    public void probability(long imageId, int categoryId, double probability) {
        probabilities.computeIfAbsent(imageId, k -> new TreeMap<>()).put(categoryId, probability);
    }

    @Override
    public void issue(Issue issue) {
        issues.add(issue);
    }

    public List<String> issueTexts() {
        return issues.stream().map(i -> i.kind().id() + " " + i.describe()).toList();
    }
}
