package dev.loupe.app.select;

import dev.loupe.app.LatestSet;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.Scope;
import dev.loupe.api.ValueKind;
import dev.loupe.app.issues.OwnClassifier;
import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.metrics.runner.MetricRunStore;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.eval.active.Diversity;
import dev.loupe.eval.active.Hybrid;
import dev.loupe.eval.active.Uncertainty;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Chooses the next images to label: scores the pool, takes the best {@code n}, tags them and
 * stores the scores as an image metric ({@link Strategy#metricId()}), replacing that metric's
 * values from an earlier selection.
 */
public final class ActiveSelection {
    private ActiveSelection() {
    }

    public static Selection run(ProjectStore store, SelectRequest request) {
        Strategy strategy = request.strategy();
        Pool pool = Pool.of(store, request.poolTag());
        List<String> notes = new ArrayList<>();
        PredictionSetInfo set = strategy.needsPredictions() ? chooseSet(store, request.setName(), strategy, notes) : null;
        double[] uncertainty = set == null ? null : uncertainty(store, set, strategy, pool.imageIds());
        int scored = uncertainty == null ? pool.imageIds().size() : countScored(uncertainty);
        if (uncertainty != null && scored == 0) {
            throw LoupeException.badInput("prediction set \"" + set.name() + "\" has no prediction on any of " + pool.description()
                    + "; import predictions for them with 'loupe predictions import'");
        }
        if (uncertainty != null && scored < pool.imageIds().size()) {
            notes.add((pool.imageIds().size() - scored) + " pool images have no prediction in \"" + set.name()
                    + "\" and were not ranked");
        }
        String modelName = null;
        int[] order;
        double[] stored;
        if (strategy.needsEmbeddings()) {
            EmbeddingModelInfo model = OwnClassifier.model(store, request.model(), false).orElseThrow(() -> LoupeException.badInput(
                    "no image embeddings" + (request.model() == null ? "" : " of model " + request.model())
                            + "; run 'loupe embed' first (strategy " + strategy.id() + " needs them)"));
            modelName = model.name();
            Embedded e = embedded(store, model, pool);
            if (e.missing() > 0) {
                notes.add(e.missing() + " pool images have no embedding of '" + model.name() + "' and were not ranked");
            }
            if (strategy == Strategy.DIVERSITY) {
                order = e.toPool(Diversity.kMeansPlusPlus(e.pool(), e.centres(), request.n(), request.seed()));
                stored = null;
            } else {
                double[] u = new double[e.poolIndex().length];
                for (int i = 0; i < u.length; i++) {
                    u[i] = uncertainty[e.poolIndex()[i]];
                }
                order = e.toPool(Hybrid.select(e.pool(), u, request.n(), request.seed()));
                stored = uncertainty;
            }
        } else if (strategy == Strategy.RANDOM) {
            order = randomOrder(pool.imageIds().size(), request.n(), request.seed());
            stored = null;
        } else {
            order = mostUncertain(uncertainty, request.n());
            stored = uncertainty;
        }
        List<Long> chosenIds = new ArrayList<>();
        for (int i : order) {
            chosenIds.add(pool.imageIds().get(i));
        }
        Map<Long, String> paths = new HashMap<>();
        Set<Long> chosenSet = new HashSet<>(chosenIds);
        for (ImageRecord r : store.labels().images()) {
            if (chosenSet.contains(r.id())) {
                paths.put(r.id(), r.path());
            }
        }
        List<Selection.Choice> choices = new ArrayList<>();
        for (int k = 0; k < order.length; k++) {
            double score = stored == null ? k + 1 : stored[order[k]];
            choices.add(new Selection.Choice(k + 1, chosenIds.get(k), paths.get(chosenIds.get(k)), score));
        }
        MetricDescriptor metric = descriptor(strategy, set);
        storeScores(store.metrics().analysis(), metric, pool, order, stored, request, set, modelName);
        long newTags = store.tags().add(request.tag(), Scope.IMAGE, chosenIds);
        return new Selection(pool, strategy, set == null ? null : set.name(), modelName, choices, scored, newTags,
                metric.id(), notes);
    }

    private static double[] uncertainty(ProjectStore store, PredictionSetInfo set, Strategy strategy, List<Long> pool) {
        boolean classification = set.classification();
        Strategy effective = strategy == Strategy.HYBRID ? (classification ? Strategy.MARGIN : Strategy.MEAN_OBJECT_CONFIDENCE)
                : strategy;
        if (effective == Strategy.MEAN_OBJECT_CONFIDENCE) {
            if (classification) {
                throw LoupeException.badInput("strategy mean-object-confidence needs a detection prediction set; \"" + set.name()
                        + "\" is a classification set: use entropy, least-confidence or margin");
            }
            return AcquisitionScores.meanObjectConfidence(store, set, pool);
        }
        if (!classification) {
            throw LoupeException.badInput("strategy " + strategy.id() + " needs class probabilities (a classification set); \""
                    + set.name() + "\" is a " + set.kind() + " set: use mean-object-confidence");
        }
        Uncertainty u = effective.uncertainty();
        return AcquisitionScores.classification(store, set, pool, u);
    }

    /** The named set, or the latest imported one; a note says which when there is a choice. */
    private static PredictionSetInfo chooseSet(ProjectStore store, String name, Strategy strategy, List<String> notes) {
        if (name != null) {
            return store.predictions().set(name);
        }
        List<PredictionSetInfo> sets = store.predictions().sets();
        if (sets.isEmpty()) {
            throw LoupeException.badInput("strategy " + strategy.id() + " needs a prediction set: import one with 'loupe "
                    + "predictions import', make one with 'loupe cv', or use --strategy diversity (no model needed)");
        }
        PredictionSetInfo latest = LatestSet.of(sets).orElseThrow();
        if (sets.size() > 1) {
            notes.add("scores from the latest prediction set \"" + latest.name() + "\"; choose another with --set");
        }
        return latest;
    }

    private static int countScored(double[] u) {
        int n = 0;
        for (double v : u) {
            n += Double.isNaN(v) ? 0 : 1;
        }
        return n;
    }

    /** Indices of the {@code n} highest scores (NaN never), highest first, ties by position. */
    static int[] mostUncertain(double[] u, int n) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < u.length; i++) {
            if (!Double.isNaN(u[i])) {
                idx.add(i);
            }
        }
        idx.sort(Comparator.comparingDouble((Integer i) -> -u[i]).thenComparingInt(i -> i));
        return idx.subList(0, Math.min(n, idx.size())).stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] randomOrder(int size, int n, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int take = Math.min(n, size);
        for (int i = 0; i < take; i++) {
            int j = i + rnd.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, take);
    }

    /**
     * The pool's vectors (pool images without a vector left out) and the existing centres: the
     * labelled images outside the pool.
     */
    private record Embedded(float[][] pool, int[] poolIndex, float[][] centres, int missing) {
        int[] toPool(int[] chosen) {
            int[] out = new int[chosen.length];
            for (int i = 0; i < chosen.length; i++) {
                out[i] = poolIndex[chosen[i]];
            }
            return out;
        }
    }

    private static Embedded embedded(ProjectStore store, EmbeddingModelInfo model, Pool pool) {
        VectorSet v = store.embeddings().imageVectors(model.id());
        Map<Long, float[]> byId = new TreeMap<>();
        for (int i = 0; i < v.size(); i++) {
            byId.put(v.ids()[i], v.vectors()[i]);
        }
        List<float[]> rows = new ArrayList<>();
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < pool.imageIds().size(); i++) {
            float[] row = byId.get(pool.imageIds().get(i));
            if (row != null) {
                rows.add(row);
                index.add(i);
            }
        }
        Set<Long> inPool = new HashSet<>(pool.imageIds());
        List<float[]> centres = new ArrayList<>();
        for (Long id : pool.labelled()) {
            float[] row = byId.get(id);
            if (row != null && !inPool.contains(id)) {
                centres.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw LoupeException.badInput("none of " + pool.description() + " has an embedding of '" + model.name()
                    + "'; run 'loupe embed' first");
        }
        return new Embedded(rows.toArray(float[][]::new), index.stream().mapToInt(Integer::intValue).toArray(),
                centres.toArray(float[][]::new), pool.imageIds().size() - rows.size());
    }

    static MetricDescriptor descriptor(Strategy strategy, PredictionSetInfo set) {
        String what = switch (strategy) {
            case ENTROPY -> "Entropy (nats) of the class probabilities of the prediction set last used by 'loupe select'";
            case LEAST_CONFIDENCE -> "1 - the top class probability in the prediction set last used by 'loupe select'";
            case MARGIN -> "1 - (top - second) class probability in the prediction set last used by 'loupe select'";
            case MEAN_OBJECT_CONFIDENCE -> "1 - the mean confidence of the objects the detection set last used by "
                    + "'loupe select' found on the image (an object: the predictions on one box, at their best score)";
            case HYBRID -> "The uncertainty 'loupe select --strategy hybrid' ranked each k-means cluster by (margin for a "
                    + "classification set, 1 - mean object confidence for a detection set)";
            case DIVERSITY -> "Order in which 'loupe select --strategy diversity' chose the image (1 = first); others: missing";
            case RANDOM -> "Order in which 'loupe select --strategy random' drew the image (1 = first); others: missing";
        };
        boolean rank = strategy == Strategy.DIVERSITY || strategy == Strategy.RANDOM;
        return new MetricDescriptor(strategy.metricId(), "Acquisition: " + strategy.id(), what + (rank ? "." : "; higher = label sooner."), Scope.IMAGE,
                rank ? ValueKind.RANK : ValueKind.NON_NEGATIVE_REAL, MetricDescriptor.ALL_SHAPES,
                rank ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER, "1", false);
    }

    private static void storeScores(MetricRunStore analysis, MetricDescriptor metric, Pool pool, int[] order, double[] stored,
                                    SelectRequest request, PredictionSetInfo set, String model) {
        Map<String, String> params = new TreeMap<>();
        params.put("source", "select");
        params.put("strategy", request.strategy().id());
        params.put("n", Integer.toString(request.n()));
        params.put("seed", Long.toString(request.seed()));
        params.put("tag", request.tag());
        params.put("pool", pool.description());
        if (set != null) {
            params.put("prediction_set", set.name());
        }
        if (model != null) {
            params.put("embedding_model", model);
        }
        long runId = analysis.begin(List.of(metric), params);
        try {
            List<Long> ids = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            if (stored == null) {
                for (int k = 0; k < order.length; k++) {
                    ids.add(pool.imageIds().get(order[k]));
                    values.add(k + 1.0);
                }
            } else {
                for (int i = 0; i < stored.length; i++) {
                    if (!Double.isNaN(stored[i])) {
                        ids.add(pool.imageIds().get(i));
                        values.add(stored[i]);
                    }
                }
            }
            analysis.writeAll(runId, metric, ids.stream().mapToLong(Long::longValue).toArray(),
                    values.stream().mapToDouble(Double::doubleValue).toArray(), ids.size());
            analysis.finish(runId, "succeeded", "acquisition scores of " + ids.size() + " images");
        } catch (RuntimeException e) {
            analysis.finishAfter(runId, "failed", e);
            throw e;
        }
    }
}
