package dev.loupe.cli;

import dev.loupe.eval.analysis.PerformanceAnalysis;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.model.Category;
import dev.loupe.eval.analysis.BucketRow;
import dev.loupe.eval.analysis.ImportanceReport;
import dev.loupe.eval.analysis.MetricImportanceRow;
import dev.loupe.eval.analysis.MetricPerformance;
import dev.loupe.eval.analysis.PerformanceTable;
import dev.loupe.eval.analysis.RateStats;
import dev.loupe.eval.analysis.Slice;
import dev.loupe.eval.analysis.SliceCondition;
import dev.loupe.eval.voc.VocClassResult;
import dev.loupe.eval.voc.VocResult;

import java.util.List;
import java.util.Map;

/** The JSON form of the performance-by-data sections of {@code loupe eval}; NaN is written as null. */
final class EvalJson {
    private EvalJson() {
    }

    static void analysis(ObjectNode root, PerformanceAnalysis a, List<Category> categories) {
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

    static void voc(ObjectNode root, VocResult r, int year) {
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
        num(node, "noiseLevel", EvalText.noiseLevel(r));
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
}
