package dev.loupe.eval;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.eval.voc.VocEvaluator;
import dev.loupe.eval.voc.VocGroundTruth;
import dev.loupe.eval.voc.VocParams;
import dev.loupe.eval.voc.VocResult;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Prediction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A project's ground truth and one detection set evaluated the COCO way, in pycocotools' image and
 * class order, from Loupe's records (the caller streams them from its store).
 *
 * @param result      the evaluation
 * @param skippedGt   annotations that cannot be evaluated (no class, image-level label, or a polygon
 *                    on an image of unknown size for segm), by reason
 * @param groundTruths the evaluated ground truths
 * @param detections   the evaluated detections
 * @param difficult    ids of the ground truths VOC marks difficult (only VOC AP reads them)
 */
public record DetectionEvaluation(EvalResult result, Map<String, Long> skippedGt, List<GroundTruth> groundTruths,
                           List<Detection> detections, Set<Long> difficult) {

    /**
     * The annotations and each part of the predictions are read at the same time, each on a thread of
     * its own (so each source must have its own store connection); the parts, concatenated in order,
     * are the set's predictions in the order the evaluation ranks ties by.
     *
     * @param annotations     calls its argument with every annotation of the project
     * @param predictionParts each calls its argument with the predictions of its part of the set
     */
    public static DetectionEvaluation run(List<ImageRecord> projectImages, List<Category> projectCategories,
                                          Consumer<Consumer<Annotation>> annotations,
                                          List<Consumer<Consumer<Prediction>>> predictionParts, IouType type) {
        List<ImageRecord> images = EvalInputs.cocoImageOrder(projectImages);
        List<Category> categories = EvalInputs.cocoCategoryOrder(projectCategories);
        Map<Long, ImageRecord> byId = new HashMap<>();
        images.forEach(im -> byId.put(im.id(), im));
        List<GroundTruth> gts = new ArrayList<>();
        Map<String, Long> skipped = new HashMap<>();
        Set<Long> difficult = new HashSet<>();
        List<List<Detection>> parts = new ArrayList<>();
        List<Runnable> readers = new ArrayList<>();
        readers.add(() -> annotations.accept(a -> {
            if (a.difficult()) {
                difficult.add(a.id());
            }
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
        }));
        for (Consumer<Consumer<Prediction>> part : predictionParts) {
            List<Detection> dts = new ArrayList<>();
            parts.add(dts);
            readers.add(() -> part.accept(p -> {
                ImageRecord im = byId.get(p.imageId());
                Detection d = EvalInputs.detection(p.id(), im, p.categoryId(), p.geometry(), p.score(), type);
                dts.add(p.area() == null ? d
                        : new Detection(d.id(), d.imageId(), d.categoryId(), d.box(), d.mask(), p.area(), d.score()));
            }));
        }
        ParallelReads.runAll(readers);
        List<Detection> dts = new ArrayList<>(parts.stream().mapToInt(List::size).sum());
        parts.forEach(dts::addAll);
        EvalResult r = new CocoEvaluator().evaluate(images, categories, gts, dts, EvalParams.defaults(type));
        return new DetectionEvaluation(r, skipped, gts, dts, difficult);
    }

    /**
     * PASCAL VOC AP at IoU 0.5 on the same boxes: objects VOC marks difficult, and crowd regions,
     * are neither found nor missed.
     */
    public VocResult voc(VocParams params) {
        List<VocGroundTruth> gts = groundTruths.stream()
                .map(g -> new VocGroundTruth(g.id(), g.imageId(), g.categoryId(), g.box(),
                        g.crowd() || difficult.contains(g.id()))).toList();
        return VocEvaluator.evaluate(gts, detections, params);
    }
}
