package dev.loupe.app.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.eval.ClassMetrics;
import dev.loupe.eval.DetectionEvaluation;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.PrCurve;
import dev.loupe.eval.performance.PerformanceAnalysis;
import dev.loupe.eval.performance.BucketRow;
import dev.loupe.eval.performance.ImportanceReport;
import dev.loupe.eval.performance.MetricImportanceRow;
import dev.loupe.eval.performance.MetricPerformance;
import dev.loupe.eval.performance.PerformanceTable;
import dev.loupe.eval.performance.RateStats;
import dev.loupe.eval.performance.Slice;
import dev.loupe.eval.performance.SliceCondition;
import dev.loupe.eval.voc.VocClassResult;
import dev.loupe.eval.voc.VocResult;
import dev.loupe.store.predictions.OutcomeCounts;
import dev.loupe.store.predictions.PredictionSetInfo;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of an evaluation, written alike by {@code loupe eval --json} and {@code GET /api/eval}:
 * the COCO table, per-class AP/AR with TP/FP/FN at the chosen IoU, outcome totals, PR curves and the
 * performance-by-data sections. NaN and infinities are written as null.
 */
public final class EvalJson {
    /** The names of the 12 COCO statistics, in pycocotools' order. */
    public static final List<String> SUMMARY_NAMES = List.of("AP", "AP50", "AP75", "APsmall", "APmedium", "APlarge",
            "AR1", "AR10", "AR100", "ARsmall", "ARmedium", "ARlarge");

    private static final ObjectMapper MAPPER = dev.loupe.app.WireJson.MAPPER;

    private EvalJson() {
    }

    /**
     * The COCO part: set, counts, the 12 statistics, per class AP/AP50/AP75/AR with TP/FP/FN at the
     * outcome threshold, outcome totals with FP reasons, and the PR curve of every class at IoU 0.50,
     * 0.75 and the outcome threshold when it is one of COCO's (0.50..0.95).
     */
    public static ObjectNode detection(PredictionSetInfo set, DetectionEvaluation ev, OutcomeCounts counts) {
        EvalResult r = ev.result();
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode s = root.putObject("predictionSet");
        s.put("name", set.name()).put("kind", set.kind()).put("format", set.format()).put("iouType", set.iouType());
        root.put("images", r.images()).put("groundTruths", r.groundTruths()).put("detections", r.detections());
        root.set("notEvaluatedGroundTruths", MAPPER.valueToTree(ev.skippedGt()));
        ObjectNode summary = root.putObject("summary");
        double[] stats = r.summary().toArray();
        for (int i = 0; i < stats.length; i++) {
            num(summary, SUMMARY_NAMES.get(i), stats[i]);
        }
        Map<Integer, OutcomeCounts.ClassCounts> byClass = new HashMap<>();
        counts.perClass().forEach(c -> byClass.put(c.categoryId(), c));
        ArrayNode perClass = root.putArray("perClass");
        for (ClassMetrics cm : r.perClass()) {
            ObjectNode c = perClass.addObject();
            c.put("id", cm.category().id()).put("name", cm.category().name());
            num(c, "ap", cm.ap());
            num(c, "ap50", cm.ap50());
            num(c, "ap75", cm.ap75());
            num(c, "ar", cm.ar());
            OutcomeCounts.ClassCounts k = byClass.get(cm.category().id());
            c.put("tp", k == null ? 0 : k.truePositives()).put("fp", k == null ? 0 : k.falsePositives())
                    .put("fn", k == null ? 0 : k.falseNegatives());
        }
        ObjectNode o = root.putObject("outcomes");
        o.put("iouThreshold", counts.iouThreshold()).put("tp", counts.truePositives()).put("fp", counts.falsePositives())
                .put("fn", counts.falseNegatives()).put("ignored", counts.ignored());
        num(o, "precision", counts.precision());
        num(o, "recall", counts.recall());
        o.set("fpReasons", MAPPER.valueToTree(counts.fpReasons()));
        ArrayNode curves = root.putArray("prCurves");
        Set<Double> thresholds = new LinkedHashSet<>(List.of(0.5, 0.75));
        if (r.params().iouIndex(counts.iouThreshold()) >= 0) {
            thresholds.add(counts.iouThreshold());
        }
        for (ClassMetrics cm : r.perClass()) {
            for (double t : thresholds) {
                PrCurve curve = r.prCurve(cm.category().id(), t);
                ObjectNode c = curves.addObject();
                c.put("categoryId", cm.category().id()).put("name", cm.category().name()).put("iouThreshold", t);
                c.set("recall", numbers(curve.recall()));
                c.set("precision", numbers(curve.precision()));
            }
        }
        return root;
    }

    /** Adds byMetric, importance and worstSlices. */
    public static void analysis(ObjectNode root, PerformanceAnalysis a) {
        ObjectNode by = root.putObject("byMetric");
        tables(by.putObject("recallOfGroundTruths"), a.recallByMetric());
        tables(by.putObject("precisionOfPredictions"), a.precisionByMetric());
        ObjectNode imp = root.putObject("importance");
        importance(imp.putObject("detectedGroundTruth"), a.recallImportance());
        importance(imp.putObject("truePositive"), a.tpImportance());
        importance(imp.putObject("iouTimesTruePositive"), a.iouTpImportance());
        ObjectNode worst = root.putObject("worstSlices");
        worst.put("recallMinSupport", PerformanceAnalysis.minSupport(a.groundTruths().size()));
        worst.put("precisionMinSupport", PerformanceAnalysis.minSupport(a.predictions().size()));
        slices(worst.putArray("byRecall"), a.recallSlices());
        slices(worst.putArray("byPrecision"), a.precisionSlices());
    }

    /** Adds the PASCAL VOC AP of one year's protocol. */
    public static void voc(ObjectNode root, VocResult r, int year) {
        ObjectNode v = root.putObject("voc");
        v.put("year", year).put("iouThreshold", r.params().iouThreshold())
                .put("interpolation", year == 2007 ? "11-point" : "all-point");
        num(v, "map", r.map());
        ArrayNode classes = v.putArray("perClass");
        for (VocClassResult c : r.classes()) {
            ObjectNode o = classes.addObject();
            o.put("categoryId", c.categoryId()).put("positives", c.positives()).put("tp", c.truePositives())
                    .put("fp", c.falsePositives()).put("ignored", c.ignored());
            num(o, "ap", c.ap());
        }
    }

    private static void tables(ObjectNode node, Map<String, MetricPerformance> tables) {
        tables.forEach((id, mp) -> {
            ObjectNode m = node.putObject(id);
            m.put("bucketing", mp.bucketing().mode().name().toLowerCase(java.util.Locale.ROOT));
            table(m.putObject("overall"), mp.overall());
            ObjectNode per = m.putObject("byClass");
            mp.byClass().forEach((k, t) -> table(per.putObject(Integer.toString(k)), t));
        });
    }

    private static void table(ObjectNode node, PerformanceTable t) {
        stats(node.putObject("total"), t.total());
        ArrayNode buckets = node.putArray("buckets");
        for (BucketRow b : t.buckets()) {
            ObjectNode o = buckets.addObject();
            num(o, "lower", b.lower());
            num(o, "upper", b.upper());
            o.put("upperInclusive", b.upperInclusive());
            stats(o, b.stats());
        }
        stats(node.putObject("missing"), t.missing());
    }

    private static void stats(ObjectNode o, RateStats s) {
        o.put("count", s.count()).put("positives", s.positives());
        num(o, "rate", s.rate());
        num(o, "wilsonLow", s.wilsonLow());
        num(o, "wilsonHigh", s.wilsonHigh());
    }

    private static void importance(ObjectNode node, ImportanceReport r) {
        node.put("items", r.items()).put("positives", r.positives()).put("sampleTooSmall", r.sampleTooSmall())
                .put("sampleNote", r.sampleNote());
        num(node, "forestNoiseShare", r.forestNoiseShare());
        num(node, "noiseLevel", r.noiseLevel());
        ArrayNode rows = node.putArray("metrics");
        for (MetricImportanceRow row : r.rankedBy(MetricImportanceRow::forestImportance)) {
            ObjectNode o = rows.addObject();
            o.put("metric", row.metric()).put("pairs", row.pairs());
            num(o, "pearson", row.pearson());
            num(o, "miBits", row.miBits());
            num(o, "miNormalised", row.miNormalised());
            num(o, "miCorrectedNats", row.miCorrectedNats());
            num(o, "forestImportance", row.forestImportance());
        }
    }

    private static void slices(ArrayNode node, List<Slice> slices) {
        for (Slice s : slices) {
            ObjectNode o = node.addObject();
            o.put("description", s.description());
            ArrayNode conds = o.putArray("conditions");
            for (SliceCondition c : s.conditions()) {
                ObjectNode co = conds.addObject();
                co.put("text", c.text());
                if (c.isClass()) {
                    co.put("classId", c.classId());
                } else {
                    co.put("metric", c.metric());
                    num(co, "lower", c.lower());
                    num(co, "upper", c.upper());
                }
            }
            stats(o, s.stats());
            num(o, "globalRate", s.globalRate());
            num(o, "gap", s.gap());
            num(o, "z", s.z());
            num(o, "score", s.score());
        }
    }

    static void num(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static ArrayNode numbers(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
        return a;
    }

    /** Replaces every NaN or infinite number in a tree by null (JSON has no NaN); returns the node. */
    public static JsonNode finite(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber() && !Double.isFinite(e.getValue().doubleValue())) {
                    e.setValue(o.nullNode());
                } else {
                    finite(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
                    a.set(i, a.nullNode());
                } else {
                    finite(v);
                }
            }
        }
        return node;
    }
}
