package dev.loupe.app.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.app.WireJson;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.eval.classification.ClassReport;
import dev.loupe.eval.classification.ClassificationEvaluator;
import dev.loupe.eval.classification.ClassificationResult;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a classification set: each image with exactly one image-level label and class
 * probabilities is an item; a class the set gives no probability for counts as probability 0.
 *
 * @param result     accuracy, top-k, per-class precision/recall/F1, confusion matrix
 * @param categories the classes, in the matrix's order (id order)
 * @param skipped    images left out, by reason
 */
public record ClassificationEvaluation(ClassificationResult result, List<Category> categories, Map<String, Long> skipped) {

    /** Evaluates a classification set of the store. */
    public static ClassificationEvaluation run(ProjectStore store, PredictionSetInfo set) {
        List<Category> categories = store.labels().categories();
        Map<Integer, Integer> column = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            column.put(categories.get(i).id(), i);
        }
        Map<Long, List<Integer>> labels = new HashMap<>();
        store.labels().forEachAnnotation(a -> {
            if (a.geometry() instanceof Geometry.ImageLabel && a.categoryId() != null) {
                labels.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a.categoryId());
            }
        });
        Map<Long, Map<Integer, Double>> probabilities = store.predictions().classProbabilities(set.id());
        Map<String, Long> skipped = new TreeMap<>();
        List<double[]> rows = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (Map.Entry<Long, Map<Integer, Double>> e : probabilities.entrySet()) {
            List<Integer> l = labels.getOrDefault(e.getKey(), List.of());
            if (l.size() != 1) {
                skipped.merge(l.isEmpty() ? "no image-level label" : "several image-level labels", 1L, Long::sum);
                continue;
            }
            double[] p = new double[categories.size()];
            e.getValue().forEach((k, v) -> p[column.get(k)] = v);
            rows.add(p);
            truth.add(column.get(l.get(0)));
        }
        long unpredicted = labels.keySet().stream().filter(id -> !probabilities.containsKey(id)).count();
        if (unpredicted > 0) {
            skipped.put("labelled but without probabilities", unpredicted);
        }
        int[] ks = categories.size() >= 5 ? new int[] {1, 2, 5} : categories.size() >= 2 ? new int[] {1, 2} : new int[] {1};
        ClassificationResult r = ClassificationEvaluator.evaluate(rows.toArray(new double[0][]),
                truth.stream().mapToInt(Integer::intValue).toArray(), ks);
        return new ClassificationEvaluation(r, categories, skipped);
    }

    /** The JSON form of {@code loupe eval --json} and {@code GET /api/eval}; NaN is written as null. */
    public ObjectNode json(PredictionSetInfo set) {
        ObjectMapper mapper = WireJson.MAPPER;
        ObjectNode root = mapper.createObjectNode();
        root.putObject("predictionSet").put("name", set.name()).put("kind", set.kind()).put("format", set.format());
        root.put("items", result.items());
        root.set("leftOut", mapper.valueToTree(skipped));
        root.put("accuracy", result.accuracy());
        ObjectNode topK = root.putObject("topK");
        result.topK().forEach(t -> topK.put(Integer.toString(t.k()), t.accuracy()));
        root.set("macro", mapper.valueToTree(result.macro()));
        root.set("weighted", mapper.valueToTree(result.weighted()));
        ArrayNode classes = root.putArray("perClass");
        for (ClassReport c : result.classes()) {
            Category cat = categories.get(c.classIndex());
            classes.addObject().put("id", cat.id()).put("name", cat.name()).put("precision", c.precision())
                    .put("recall", c.recall()).put("f1", c.f1()).put("support", c.support()).put("predicted", c.predicted());
        }
        root.put("confusionRows", "true class, in perClass order; columns: predicted class");
        root.set("confusion", mapper.valueToTree(result.confusion()));
        EvalJson.finite(root);
        return root;
    }
}
