package dev.loupe.eval;

import dev.loupe.core.geometry.Iou;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.outcome.GroundTruthOverlap;
import dev.loupe.core.outcome.ImageOutcome;
import dev.loupe.core.outcome.Match;
import dev.loupe.core.outcome.OutcomeMatcher;
import dev.loupe.core.outcome.PredictionOverlap;
import dev.loupe.core.outcome.Thresholds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-item outcomes with COCOeval's own matching ({@link Matcher}): per image and class, predictions
 * in score order (ties in input order) each take the unmatched ground truth of highest IoU at or
 * above the threshold; crowd regions can be taken again and make the prediction ignored. Unlike
 * the AP computation, every prediction is matched (no maxDets cut) and the area range is "all",
 * so the stored outcomes cover all predictions; at 0.50..0.95 they equal COCOeval's matches for
 * images with at most 100 predictions per class.
 */
public final class CocoOutcomeMatcher implements OutcomeMatcher {
    private final IouType type;
    private final Matcher matcher;

    public CocoOutcomeMatcher(IouType type) {
        this.type = type;
        List<Double> grid = new ArrayList<>(Thresholds.COUNT);
        for (int i = 1; i <= Thresholds.COUNT; i++) {
            grid.add(Thresholds.value(i));
        }
        EvalParams p = new EvalParams(type, grid, List.of(0.0), List.of(Integer.MAX_VALUE),
                List.of(EvalParams.COCO_AREA_RANGES.get(0)), true);
        this.matcher = new Matcher(p);
    }

    @Override
    public String iouType() {
        return type.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public ImageOutcome match(ImageRecord image, List<Annotation> annotations, List<Prediction> predictions) {
        List<GroundTruth> gts = new ArrayList<>(annotations.size());
        for (Annotation a : annotations) {
            if (a.categoryId() != null && a.geometry().box() != null) {
                gts.add(EvalInputs.groundTruth(a, image, type));
            }
        }
        List<Detection> dts = new ArrayList<>(predictions.size());
        for (Prediction p : predictions) {
            dts.add(detection(p, image));
        }
        double[][] iou = iou(dts, gts);
        Map<Long, Integer> gtIndex = new HashMap<>();
        for (int g = 0; g < gts.size(); g++) {
            gtIndex.put(gts.get(g).id(), g);
        }
        Map<Long, Integer> dtIndex = new HashMap<>();
        for (int d = 0; d < dts.size(); d++) {
            dtIndex.put(dts.get(d).id(), d);
        }
        List<Match> matches = new ArrayList<>();
        Map<Integer, List<GroundTruth>> gtByClass = new LinkedHashMap<>();
        Map<Integer, List<Detection>> dtByClass = new LinkedHashMap<>();
        gts.forEach(g -> gtByClass.computeIfAbsent(g.categoryId(), k -> new ArrayList<>()).add(g));
        dts.forEach(d -> dtByClass.computeIfAbsent(d.categoryId(), k -> new ArrayList<>()).add(d));
        for (Map.Entry<Integer, List<Detection>> cell : dtByClass.entrySet()) {
            List<GroundTruth> classGts = gtByClass.getOrDefault(cell.getKey(), List.of());
            if (classGts.isEmpty()) {
                continue;
            }
            ImageEval e = matcher.match(classGts, cell.getValue())[0];
            for (int t = 0; t < Thresholds.COUNT; t++) {
                for (int d = 0; d < e.dtIds().length; d++) {
                    long gtId = e.dtMatch(t, d);
                    if (gtId != 0) {
                        int gi = gtIndex.get(gtId);
                        matches.add(new Match(t + 1, e.dtIds()[d], gtId, iou[dtIndex.get(e.dtIds()[d])][gi],
                                gts.get(gi).crowd()));
                    }
                }
            }
        }
        List<PredictionOverlap> predictionOverlaps = new ArrayList<>(dts.size());
        double[] gtBest = new double[gts.size()];
        long[] gtBestDt = new long[gts.size()];
        for (int d = 0; d < dts.size(); d++) {
            Detection dt = dts.get(d);
            double same = 0;
            double other = 0;
            Long sameId = null;
            Long otherId = null;
            for (int g = 0; g < gts.size(); g++) {
                GroundTruth gt = gts.get(g);
                if (gt.crowd()) {
                    continue;
                }
                double v = iou[d][g];
                if (gt.categoryId() == dt.categoryId()) {
                    if (v > same) {
                        same = v;
                        sameId = gt.id();
                    }
                    if (v > gtBest[g]) {
                        gtBest[g] = v;
                        gtBestDt[g] = dt.id();
                    }
                } else if (v > other) {
                    other = v;
                    otherId = gt.id();
                }
            }
            predictionOverlaps.add(new PredictionOverlap(dt.id(), same, sameId, other, otherId));
        }
        List<GroundTruthOverlap> gtOverlaps = new ArrayList<>(gts.size());
        for (int g = 0; g < gts.size(); g++) {
            if (!gts.get(g).crowd()) {
                gtOverlaps.add(new GroundTruthOverlap(gts.get(g).id(), gtBest[g], gtBestDt[g] == 0 ? null : gtBestDt[g]));
            }
        }
        return new ImageOutcome(matches, predictionOverlaps, gtOverlaps);
    }

    /** The detection as COCOeval sees it; the area is the one stored at import (loadRes), else derived. */
    private Detection detection(Prediction p, ImageRecord image) {
        Detection d = EvalInputs.detection(p.id(), image, p.categoryId(), p.geometry(), p.score(), type);
        return p.area() == null ? d : new Detection(d.id(), d.imageId(), d.categoryId(), d.box(), d.mask(), p.area(), d.score());
    }

    /** IoU [detection][ground truth] over all classes, crowd IoU for crowd regions. */
    private double[][] iou(List<Detection> dts, List<GroundTruth> gts) {
        double[][] out = new double[dts.size()][gts.size()];
        if (dts.isEmpty() || gts.isEmpty()) {
            return out;
        }
        boolean[] crowd = new boolean[gts.size()];
        for (int g = 0; g < crowd.length; g++) {
            crowd[g] = gts.get(g).crowd();
        }
        if (type == IouType.BBOX) {
            return Iou.boxes(dts.stream().map(Detection::box).toList(), gts.stream().map(GroundTruth::box).toList(), crowd);
        }
        List<Rle> d = dts.stream().map(Detection::mask).toList();
        List<Rle> g = gts.stream().map(GroundTruth::mask).toList();
        return Iou.masks(d, g, crowd);
    }
}
