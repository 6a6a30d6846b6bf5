package dev.loupe.cli;

import dev.loupe.app.issues.OwnClassifier;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.IouType;
import dev.loupe.store.predictions.PredictionImportResult;
import dev.loupe.store.ProjectStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Writes the out-of-fold probabilities of Loupe's own classifier as a prediction set through the
 * store's import path (so outcomes are matched as for an imported set). Images: a classification
 * set of class probabilities. Object crops: a detection set in which every labelled object gets one
 * box prediction per class, its box the object's own box and its score that class's out-of-fold
 * probability; probabilities below {@link #MIN_CROP_PROBABILITY} are left out to bound the size.
 * It classifies given boxes: it says which class a box looks like, never where objects are.
 */
final class CvPredictionSet {
    /** Crop probabilities below this are not stored (at 20 classes most of them are ~0). */
    static final double MIN_CROP_PROBABILITY = 0.001;

    private CvPredictionSet() {
    }

    static PredictionImportResult store(ProjectStore store, OwnClassifier.Items items, String name,
                                        Map<String, String> params) {
        List<Category> categories = store.labels().categories();
        BiConsumer<Long, PredictionSink> reader = items.crops() ? crops(store, items, categories) : (firstId, sink) -> {
            for (int i = 0; i < items.size(); i++) {
                for (int k = 0; k < categories.size(); k++) {
                    sink.probability(items.itemIds()[i], categories.get(k).id(), items.probabilities()[i][k]);
                }
            }
        };
        return store.predictions().importSet(name, "loupe-cv", "loupe cv (" + items.model().name() + ")", params, reader,
                new CocoOutcomeMatcher(IouType.BBOX));
    }

    private static BiConsumer<Long, PredictionSink> crops(ProjectStore store, OwnClassifier.Items items,
                                                          List<Category> categories) {
        Map<Long, Box> boxes = new HashMap<>();
        store.labels().forEachAnnotation(a -> {
            if (a.geometry().box() != null && !(a.geometry() instanceof Geometry.ImageLabel)) {
                boxes.put(a.id(), a.geometry().box());
            }
        });
        return (firstId, sink) -> {
            long id = firstId;
            for (int i = 0; i < items.size(); i++) {
                long annotationId = items.itemIds()[i];
                Geometry box = new Geometry.BoxShape(boxes.get(annotationId));
                for (int k = 0; k < categories.size(); k++) {
                    double p = Math.min(1.0, items.probabilities()[i][k]);
                    if (p >= MIN_CROP_PROBABILITY) {
                        sink.prediction(new Prediction(id++, items.imageIds()[i], categories.get(k).id(), box, p, null,
                                "annotation " + annotationId));
                    }
                }
            }
        };
    }
}
