package dev.loupe.app.select;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Prediction;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each pool image's uncertainty under a prediction set: NaN where the set has nothing on the image. */
final class AcquisitionScores {
    private AcquisitionScores() {
    }

    /** Scores of a classification set's class probabilities. */
    static double[] classification(ProjectStore store, PredictionSetInfo set, List<Long> pool,
                                   dev.loupe.eval.active.Uncertainty u) {
        Map<Long, Map<Integer, Double>> probabilities = store.predictions().classProbabilities(set.id());
        double[] out = new double[pool.size()];
        for (int i = 0; i < out.length; i++) {
            Map<Integer, Double> p = probabilities.get(pool.get(i));
            out[i] = p == null || p.isEmpty() ? Double.NaN
                    : u.score(p.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    /**
     * {@code 1 - mean object confidence} of a detection set on each image. An object's confidence is
     * the highest score among the predictions on one and the same box (a detector may give one box
     * several classes, as Loupe's own crop classifier does).
     */
    static double[] meanObjectConfidence(ProjectStore store, PredictionSetInfo set, List<Long> pool) {
        Map<Long, Map<Box, Double>> objects = new HashMap<>();
        store.predictions().forEach(set.id(), (Prediction p) -> objects.computeIfAbsent(p.imageId(), k -> new HashMap<>())
                .merge(p.geometry().box(), p.score(), Math::max));
        double[] out = new double[pool.size()];
        for (int i = 0; i < out.length; i++) {
            Map<Box, Double> o = objects.get(pool.get(i));
            out[i] = o == null || o.isEmpty() ? Double.NaN
                    : 1 - o.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        }
        return out;
    }
}
