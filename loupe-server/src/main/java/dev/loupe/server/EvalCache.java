package dev.loupe.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.eval.analysis.Bucketing;
import dev.loupe.store.PredictionSetInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The evaluation results of {@code GET /api/eval}, computed on first request and kept for the few
 * most recent (set, IoU) pairs: a COCO evaluation of a large set takes seconds. A set re-imported
 * under the same name gets a new id and creation time, so its stale entry is never served.
 */
final class EvalCache {
    static final int CAPACITY = 8;

    /** What one result depends on. */
    private record Key(int setId, String name, long predictions, String createdAt, int tIndex) {
    }

    private final StoreAccess store;
    private final Map<Key, JsonNode> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, JsonNode> eldest) {
            return size() > CAPACITY;
        }
    };

    EvalCache(StoreAccess store) {
        this.store = store;
    }

    /**
     * The JSON of a set at an IoU threshold of the outcome grid.
     *
     * @throws ApiError 400 when the IoU is not on the grid, 404 when no set has that name
     */
    JsonNode get(String setName, String iouParam) {
        if (setName == null || setName.isEmpty()) {
            throw ApiError.badRequest("set is required (a prediction set name from /api/predictions)");
        }
        int tIndex = tIndex(iouParam);
        return store.with(s -> {
            PredictionSetInfo set = s.predictionSets().stream().filter(p -> p.name().equals(setName)).findFirst()
                    .orElseThrow(() -> ApiError.notFound("no prediction set '" + setName + "'"));
            Key key = new Key(set.id(), set.name(), set.predictions(), String.valueOf(set.createdAt()),
                    set.kind().equals("classification") ? 0 : tIndex);
            synchronized (entries) {
                JsonNode cached = entries.get(key);
                if (cached != null) {
                    return cached;
                }
            }
            JsonNode result = set.kind().equals("classification") ? ClassificationEvaluation.run(s, set).json(set)
                    : DetectionReport.run(s, set, tIndex, Bucketing.quantiles(DetectionReport.DEFAULT_BUCKETS),
                            DetectionReport.DEFAULT_SLICE_CONDITIONS).json();
            synchronized (entries) {
                entries.put(key, result);
            }
            return result;
        });
    }

    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    static int tIndex(String iouParam) {
        if (iouParam == null || iouParam.isEmpty()) {
            return Thresholds.index(0.5);
        }
        double iou;
        try {
            iou = Double.parseDouble(iouParam);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("iou must be a number on the grid 0.05, 0.10, ..., 0.95, got '" + iouParam + "'");
        }
        try {
            return Thresholds.index(iou);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("iou: " + e.getMessage());
        }
    }
}
