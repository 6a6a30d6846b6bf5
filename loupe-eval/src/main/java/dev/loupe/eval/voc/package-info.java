/**
 * PASCAL VOC detection AP: greedy matching in score order at IoU &gt;= 0.5 with "difficult"
 * objects ignored, per-class AP as the VOC2007 11-point or the VOC2010+ all-point interpolated area
 * under the precision-recall curve, and their mean (mAP).
 *
 * <p>Entry point: {@link dev.loupe.eval.voc.VocEvaluator#evaluate}. Detections are the package
 * {@code dev.loupe.eval} {@link dev.loupe.eval.Detection} records (box, score, image, class);
 * ground truths are {@link dev.loupe.eval.voc.VocGroundTruth} (box, difficult flag).
 *
 * <p>Coordinates: boxes are COCO x, y, w, h in continuous pixel coordinates, as Loupe's importers
 * produce them (the VOC importer reads {@code xmin..xmax} as w = xmax - xmin). The official devkit
 * treats VOC's integer corners as inclusive pixel indices and adds 1 to every width and height;
 * {@link dev.loupe.eval.voc.VocParams#pixelInclusive()} reproduces that when wanted.
 */
package dev.loupe.eval.voc;
