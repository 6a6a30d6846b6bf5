package dev.loupe.app.eval;

import dev.loupe.core.LoupeException;
import dev.loupe.app.BadRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.eval.performance.Bucketing;
import dev.loupe.eval.DetectionEvaluation;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation results the web app shows ({@code GET /api/eval}, the set comparison), computed
 * on first request and kept for the few most recent (set, IoU) pairs: a COCO evaluation of a large
 * set takes seconds. A set re-imported under the same name gets a new id and creation time, so its
 * stale entry is never served. Safe for concurrent use; the caller lends the store.
 */
public final class EvaluationCache {
    public static final int CAPACITY = 8;

    /** What one result depends on. */
    private record Key(int setId, String name, long predictions, String createdAt, int tIndex) {
    }

    /** What a set's COCO evaluation depends on. */
    private record SetKey(int setId, String name, long predictions, String createdAt) {
    }

    private final Map<SetKey, DetectionEvaluation> cocoEntries = new LinkedHashMap<>(8, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<SetKey, DetectionEvaluation> eldest) {
            return size() > 2;
        }
    };
    private final Map<Key, JsonNode> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, JsonNode> eldest) {
            return size() > CAPACITY;
        }
    };

    /**
     * The JSON of a set at an IoU threshold of the outcome grid, read from {@code s} on a miss.
     *
     * @throws LoupeException bad input when the IoU is not on the grid or no set is named, not
     *                        found when no set has that name
     */
    public JsonNode get(ProjectStore s, String setName, String iouParam) {
        if (setName == null || setName.isEmpty()) {
            throw new BadRequest("set is required (a prediction set name from /api/predictions)");
        }
        int tIndex = tIndex(iouParam);
        PredictionSetInfo set = s.predictions().sets().stream().filter(p -> p.name().equals(setName)).findFirst()
                .orElseThrow(() -> LoupeException.notFound("no prediction set '" + setName + "'"));
        Key key = new Key(set.id(), set.name(), set.predictions(), String.valueOf(set.createdAt()),
                set.classification() ? 0 : tIndex);
        synchronized (entries) {
            JsonNode cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        JsonNode result = set.classification() ? ClassificationEvaluation.run(s, set).json(set)
                : DetectionReport.run(s, set, coco(s, set), tIndex, Bucketing.quantiles(DetectionReport.DEFAULT_BUCKETS),
                        DetectionReport.DEFAULT_SLICE_CONDITIONS).json();
        synchronized (entries) {
            entries.put(key, result);
        }
        return result;
    }

    /** The COCO evaluation of a set, computed once: only the outcome analysis depends on the IoU slider. */
    private DetectionEvaluation coco(ProjectStore s, PredictionSetInfo set) {
        SetKey key = new SetKey(set.id(), set.name(), set.predictions(), String.valueOf(set.createdAt()));
        synchronized (cocoEntries) {
            DetectionEvaluation cached = cocoEntries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        DetectionEvaluation ev = DetectionReport.cocoEvaluation(s, set);
        synchronized (cocoEntries) {
            cocoEntries.put(key, ev);
        }
        return ev;
    }

    /**
     * The parts of an evaluation the Model quality page shows ({@code view=page}): the per-class
     * tables of performance by metric (a twentieth of the size each) and the PR curves at other
     * thresholds than the chosen one (or 0.50) are left out; {@code loupe eval --json} has them all.
     */
    public static JsonNode page(JsonNode full, int tIndex) {
        JsonNode copy = full.deepCopy();
        JsonNode byMetric = copy.get("byMetric");
        if (byMetric != null) {
            byMetric.forEach(side -> side.forEach(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("byClass")));
        }
        JsonNode curves = copy.get("prCurves");
        if (curves instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            double t = Thresholds.value(tIndex);
            boolean present = false;
            for (JsonNode c : a) {
                present |= Math.abs(c.get("iouThreshold").asDouble() - t) < 1e-9;
            }
            double keep = present ? t : 0.5;
            for (int i = a.size() - 1; i >= 0; i--) {
                if (Math.abs(a.get(i).get("iouThreshold").asDouble() - keep) > 1e-9) {
                    a.remove(i);
                }
            }
        }
        return copy;
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public static int tIndex(String iouParam) {
        return dev.loupe.app.filter.FilterParameters.tIndex(iouParam);
    }
}
