/**
 * COCO-exact detection and instance-segmentation evaluation: a Java port of pycocotools'
 * {@code COCOeval} that reproduces its numbers, quirks included.
 *
 * <p>Evaluation runs in three explicit phases driven by one {@link dev.loupe.eval.EvalParams}
 * record, exactly as {@code COCOeval.evaluate / accumulate / summarize}:
 * <ol>
 *   <li>match: per image x category x area range, detections are greedily matched to ground
 *       truths at every IoU threshold ({@code Matcher}, pycocotools {@code evaluateImg});</li>
 *   <li>accumulate: the per-image matches of each category, area range and detection limit are
 *       merged into precision/recall tables ({@code Accumulator} giving an
 *       {@link dev.loupe.eval.Accumulation});</li>
 *   <li>summarise: the 12 standard statistics ({@link dev.loupe.eval.Summary}) plus per-class AP/AR
 *       and precision-recall curves.</li>
 * </ol>
 * {@link dev.loupe.eval.CocoEvaluator} runs all three.
 *
 * <p>Sibling packages: {@code dev.loupe.eval.voc} (PASCAL VOC AP, 11-point and all-point),
 * {@code dev.loupe.eval.classification} (accuracy, top-k, per-class precision/recall/F1, confusion
 * matrix) and {@code dev.loupe.eval.performance} (performance by metric, metric importance, worst
 * slices), all in-memory and JDK-only.
 *
 * <p>Conventions: geometry is in pixels with a top-left origin and continuous coordinates (see
 * {@code dev.loupe.core.geometry}); boxes are COCO x, y, width, height; areas are square pixels;
 * masks are COCO RLE of the image's height x width. Image and category ids are Loupe ids
 * ({@code ImageRecord.id()}, {@code Category.id()}); images and categories are evaluated in the
 * order the caller lists them (pycocotools sorts both by their COCO id, see
 * {@link dev.loupe.eval.EvalInputs#cocoImageOrder}). Tables use -1 for "not defined" (no ground truth
 * to recall) exactly as pycocotools.
 */
package dev.loupe.eval;
