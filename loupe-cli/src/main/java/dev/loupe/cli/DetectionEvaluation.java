package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.Detection;
import dev.loupe.eval.EvalInputs;
import dev.loupe.eval.EvalParams;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.GroundTruth;
import dev.loupe.eval.IouType;
import dev.loupe.eval.voc.VocEvaluator;
import dev.loupe.eval.voc.VocGroundTruth;
import dev.loupe.eval.voc.VocParams;
import dev.loupe.eval.voc.VocResult;
import dev.loupe.store.PredictionSetInfo;
import dev.loupe.store.ProjectStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a project's ground truth and a detection set from the store and runs the COCO evaluation
 * on them, in pycocotools' image and class order.
 *
 * @param result      the evaluation
 * @param skippedGt   annotations that cannot be evaluated (no class, image-level label, or a polygon
 *                    on an image of unknown size for segm), by reason
 * @param groundTruths the evaluated ground truths
 * @param detections   the evaluated detections
 */
record DetectionEvaluation(EvalResult result, Map<String, Long> skippedGt, List<GroundTruth> groundTruths,
                           List<Detection> detections) {

    static DetectionEvaluation run(ProjectStore store, PredictionSetInfo set, IouType type) {
        List<ImageRecord> images = EvalInputs.cocoImageOrder(store.images());
        List<Category> categories = EvalInputs.cocoCategoryOrder(store.categories());
        Map<Long, ImageRecord> byId = new HashMap<>();
        images.forEach(im -> byId.put(im.id(), im));
        List<GroundTruth> gts = new ArrayList<>();
        Map<String, Long> skipped = new HashMap<>();
        store.forEachAnnotation(a -> {
            if (a.categoryId() == null) {
                skipped.merge("no class", 1L, Long::sum);
            } else if (a.geometry().box() == null) {
                skipped.merge("image-level label", 1L, Long::sum);
            } else {
                try {
                    gts.add(EvalInputs.groundTruth(a, byId.get(a.imageId()), type));
                } catch (LoupeException e) {
                    skipped.merge("image size unknown", 1L, Long::sum);
                }
            }
        });
        List<Detection> dts = new ArrayList<>();
        store.forEachPrediction(set.id(), p -> {
            ImageRecord im = byId.get(p.imageId());
            Detection d = EvalInputs.detection(p.id(), im, p.categoryId(), p.geometry(), p.score(), type);
            dts.add(p.area() == null ? d
                    : new Detection(d.id(), d.imageId(), d.categoryId(), d.box(), d.mask(), p.area(), d.score()));
        });
        EvalResult r = new CocoEvaluator().evaluate(images, categories, gts, dts, EvalParams.defaults(type));
        return new DetectionEvaluation(r, skipped, gts, dts);
    }

    /**
     * PASCAL VOC AP at IoU 0.5 on the same boxes (crowd regions count as VOC's "difficult"
     * objects: neither found nor missed; Loupe does not keep VOC's own difficult flag yet).
     */
    VocResult voc(VocParams params) {
        List<VocGroundTruth> gts = groundTruths.stream()
                .map(g -> new VocGroundTruth(g.id(), g.imageId(), g.categoryId(), g.box(), g.crowd())).toList();
        return VocEvaluator.evaluate(gts, detections, params);
    }
}
