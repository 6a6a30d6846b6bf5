package dev.loupe.cli;

import dev.loupe.app.WireJson;
import dev.loupe.core.LoupeException;
import dev.loupe.eval.performance.PerformanceAnalysis;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.eval.ClassMetrics;
import dev.loupe.eval.DetectionEvaluation;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.performance.Bucketing;
import dev.loupe.eval.voc.VocParams;
import dev.loupe.eval.voc.VocResult;
import dev.loupe.store.predictions.OutcomeCounts;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.app.eval.ClassificationEvaluation;
import dev.loupe.app.eval.DetectionReport;
import dev.loupe.app.eval.EvalJson;
import dev.loupe.store.ProjectStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code loupe eval}: evaluates a prediction set against the ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a prediction set against the project's labels.",
            "Detection: the COCO table (pycocotools-exact), per-class AP/AR, TP/FP/FN at an IoU threshold with the",
            "reason of each false positive, recall and precision by metric, metric importance, worst slices.",
            "Classification: accuracy, top-k, per-class precision/recall/F1, confusion matrix."})
final class EvalCommand implements Callable<Integer>, ProjectCommand {
    @Parameters(index = "0", paramLabel = "PROJECT", description = "project folder")
    Path project;

    @Option(names = "--predictions", required = true, paramLabel = "NAME", description = "the prediction set")
    String predictions;

    @Option(names = "--iou", paramLabel = "T", defaultValue = "0.5",
            description = "IoU threshold of the TP/FP/FN counts: 0.05, 0.10, ..., 0.95 (default: ${DEFAULT-VALUE})")
    double iou;

    @Option(names = "--json", description = "print every number as JSON, with the precision-recall curves")
    boolean json;

    @Option(names = "--by", split = ",", paramLabel = "METRIC", description = "metrics to show recall and precision "
            + "by, in the text output (default: ${DEFAULT-VALUE}); --json gives every metric",
            defaultValue = "annotation.relative_area,annotation.aspect_ratio,annotation.border_proximity,"
                    + "annotation.brightness,image.brightness,prediction.score")
    List<String> by;

    @Option(names = "--buckets", paramLabel = "N", defaultValue = "5",
            description = "buckets per metric (default: ${DEFAULT-VALUE})")
    int buckets;

    @Option(names = "--equal-width", description = "equal-width buckets instead of quantiles")
    boolean equalWidth;

    @Option(names = "--voc", paramLabel = "YEAR", description = "also PASCAL VOC AP at IoU 0.5: 2007 (11-point) or "
            + "2012 (all-point interpolation); VOC-difficult objects and crowd regions are ignored")
    Integer voc;

    @Option(names = "--slice-conditions", paramLabel = "N", defaultValue = "2",
            description = "metric conditions per worst slice, 1 to 3 (default: ${DEFAULT-VALUE})")
    int sliceConditions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Path project() {
        return project;
    }

    @Override
    public Integer call() {
        int tIndex;
        try {
            tIndex = Thresholds.index(iou);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iou: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = ProjectStore.openForReading(project)) {
            PredictionSetInfo set = store.predictions().set(predictions);
            PredictionMetrics.warnPending(store, set.name(), project.toString(), spec.commandLine().getErr());
            if (set.classification()) {
                ClassificationEvaluation ce = ClassificationEvaluation.run(store, set);
                if (json) {
                    out.println(WireJson.pretty(ce.json(set)));
                } else {
                    EvalText.classification(ce, set, out);
                }
                out.flush();
                return 0;
            }
            if (buckets < 2 || buckets > 50) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--buckets must be in 2..50");
            }
            if (sliceConditions < 1 || sliceConditions > 3) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--slice-conditions must be 1, 2 or 3");
            }
            VocParams vocParams = null;
            if (voc != null) {
                vocParams = switch (voc) {
                    case 2007 -> VocParams.voc2007();
                    case 2012 -> VocParams.voc2012();
                    default -> throw new CommandLine.ParameterException(spec.commandLine(), "--voc must be 2007 or 2012");
                };
            }
            DetectionReport report = DetectionReport.run(store, set, tIndex,
                    equalWidth ? Bucketing.equalWidth(buckets) : Bucketing.quantiles(buckets), sliceConditions);
            DetectionEvaluation ev = report.evaluation();
            OutcomeCounts counts = report.counts();
            PerformanceAnalysis analysis = report.analysis();
            VocResult vocResult = vocParams == null ? null : ev.voc(vocParams);
            if (json) {
                ObjectNode root = report.json();
                if (vocResult != null) {
                    EvalJson.voc(root, vocResult, voc);
                }
                out.println(WireJson.pretty(root));
            } else {
                text(set, ev, counts, out);
                if (vocResult != null) {
                    EvalText.voc(vocResult, voc, store.labels().categories(), out);
                }
                if (spec.commandLine().getParseResult().hasMatchedOption("--by")) {
                    // Metrics named by the user must exist: a typo would otherwise print nothing for it.
                    java.util.Set<String> known = new java.util.TreeSet<>(analysis.recallByMetric().keySet());
                    known.addAll(analysis.precisionByMetric().keySet());
                    for (String m : by) {
                        if (!known.contains(m)) {
                            throw LoupeException.badInput("--by " + m + ": no such metric computed for this set; known: "
                                    + String.join(", ", known));
                        }
                    }
                }
                EvalText.analysis(analysis, by, counts.iouThreshold(), out);
            }
        }
        out.flush();
        return 0;
    }

    private static void text(PredictionSetInfo set, DetectionEvaluation ev, OutcomeCounts counts, PrintWriter out) {
        EvalResult r = ev.result();
        out.printf("Prediction set \"%s\" (%s, IoU on %s): %d images, %d ground truths, %d predictions%n", set.name(),
                set.format(), set.iouType(), r.images(), r.groundTruths(), r.detections());
        if (!ev.skippedGt().isEmpty()) {
            out.printf("Not evaluated: %s ground truths (%s)%n", ev.skippedGt().values().stream().mapToLong(Long::longValue)
                    .sum(), ev.skippedGt());
        }
        out.println();
        out.println("COCO evaluation (pycocotools COCOeval, identical numbers)");
        out.println(r.summary().describe(r.params()));
        out.println();
        out.printf("Per class (area all, 100 detections; TP/FP/FN at IoU %.2f)%n", counts.iouThreshold());
        out.printf("  %-24s %7s %7s %7s %7s %7s %7s %7s %7s %7s%n", "class", "AP", "AP50", "AP75", "AR", "TP", "FP", "FN",
                "prec", "recall");
        Map<Integer, OutcomeCounts.ClassCounts> byClass = new java.util.HashMap<>();
        counts.perClass().forEach(c -> byClass.put(c.categoryId(), c));
        for (ClassMetrics m : r.perClass()) {
            OutcomeCounts.ClassCounts c = byClass.get(m.category().id());
            out.printf("  %-24s %7s %7s %7s %7s %7d %7d %7d %7s %7s%n", m.category().name(), num(m.ap()), num(m.ap50()),
                    num(m.ap75()), num(m.ar()), c == null ? 0 : c.truePositives(), c == null ? 0 : c.falsePositives(),
                    c == null ? 0 : c.falseNegatives(), c == null ? "-" : num(c.precision()), c == null ? "-" : num(c.recall()));
        }
        out.println();
        out.printf("At IoU %.2f: %d TP, %d FP, %d FN%s; precision %s, recall %s%n", counts.iouThreshold(),
                counts.truePositives(), counts.falsePositives(), counts.falseNegatives(),
                counts.ignored() > 0 ? ", " + counts.ignored() + " ignored (matched a crowd region)" : "",
                num(counts.precision()), num(counts.recall()));
        out.printf("False positives by reason: %s%n", counts.fpReasons());
        out.println("  duplicate: overlaps an object of its class that a higher score took; wrong_class: overlaps an "
                + "object of another class;");
        out.printf("  localisation: IoU with an object of its class in [%.2f, %.2f); background: overlaps nothing.%n",
                Thresholds.BACKGROUND_IOU, counts.iouThreshold());
        out.println("All predictions count here; COCO AP keeps the 100 best per image and class.");
    }

    static String num(double v) {
        return Double.isNaN(v) || v < 0 ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
