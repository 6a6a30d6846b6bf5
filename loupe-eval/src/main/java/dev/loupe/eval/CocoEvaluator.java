package dev.loupe.eval;

import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * pycocotools' {@code COCOeval} as one call: match per image ({@code Matcher}), accumulate
 * ({@code Accumulator}), summarise ({@link Summary}), plus per-class AP/AR.
 *
 * <p>Images and categories are evaluated in list order; pass them through
 * {@link EvalInputs#cocoImageOrder} and {@link EvalInputs#cocoCategoryOrder} to reproduce
 * pycocotools bit for bit (the image order breaks ties between equal scores on different images).
 * Within an image and class, ground truths and detections keep their list order. Ground truths
 * and detections whose image or class is not listed are left out and counted in the result.
 * Stateless and thread-safe.
 */
public final class CocoEvaluator {

    /**
     * Evaluates the detections against the ground truths.
     *
     * @throws IllegalArgumentException if image or category ids repeat, a mask is missing for
     *                                  {@link IouType#SEGM}, or (for the summary) there are fewer
     *                                  than three detection limits
     */
    public EvalResult evaluate(List<ImageRecord> images, List<Category> categories, List<GroundTruth> groundTruths,
                               List<Detection> detections, EvalParams params) {
        Map<Long, Integer> imageIndex = new HashMap<>();
        for (ImageRecord im : images) {
            if (imageIndex.putIfAbsent(im.id(), imageIndex.size()) != null) {
                throw new IllegalArgumentException("image id " + im.id() + " is listed twice");
            }
        }
        Map<Integer, Integer> categoryIndex = new HashMap<>();
        for (Category c : categories) {
            if (categoryIndex.putIfAbsent(c.id(), categoryIndex.size()) != null) {
                throw new IllegalArgumentException("category id " + c.id() + " is listed twice");
            }
        }
        int nI = images.size();
        int nK = categories.size();
        Map<Long, List<GroundTruth>> gtCells = new HashMap<>();
        int droppedGt = 0;
        for (GroundTruth g : groundTruths) {
            Long cell = cell(imageIndex.get(g.imageId()), categoryIndex.get(g.categoryId()), nI);
            if (cell == null) {
                droppedGt++;
            } else {
                gtCells.computeIfAbsent(cell, c -> new ArrayList<>()).add(g);
            }
        }
        Map<Long, List<Detection>> dtCells = new HashMap<>();
        int droppedDt = 0;
        for (Detection d : detections) {
            Long cell = cell(imageIndex.get(d.imageId()), categoryIndex.get(d.categoryId()), nI);
            if (cell == null) {
                droppedDt++;
            } else {
                dtCells.computeIfAbsent(cell, c -> new ArrayList<>()).add(d);
            }
        }

        int nA = params.areaRanges().size();
        int kCount = params.useCategories() ? nK : 1;
        // One class at a time: a class's accumulation reads only its own matches, so only the matches
        // of the classes in flight are held (all at once took 1.3 GB for 5 000 images x 100
        // detections). Classes are independent and write disjoint cells, so they run in parallel.
        Accumulator accumulator = new Accumulator(params);
        Accumulation acc = accumulator.empty(kCount);
        IntStream.range(0, kCount).parallel().forEach(k -> {
            Matcher matcher = new Matcher(params); // one per task: it reuses its work arrays
            MatchFlags[][] evals = new MatchFlags[nA][nI];
            for (int i = 0; i < nI; i++) {
                List<GroundTruth> gts;
                List<Detection> dts;
                if (params.useCategories()) {
                    long cell = (long) k * nI + i;
                    gts = gtCells.getOrDefault(cell, List.of());
                    dts = dtCells.getOrDefault(cell, List.of());
                } else {
                    // Class-agnostic: pycocotools concatenates the classes in category order.
                    gts = new ArrayList<>();
                    dts = new ArrayList<>();
                    for (int c = 0; c < nK; c++) {
                        long cell = (long) c * nI + i;
                        gts.addAll(gtCells.getOrDefault(cell, List.of()));
                        dts.addAll(dtCells.getOrDefault(cell, List.of()));
                    }
                }
                MatchFlags[] perArea = matcher.matchFlags(gts, dts);
                if (perArea != null) {
                    for (int a = 0; a < nA; a++) {
                        evals[a][i] = perArea[a];
                    }
                }
            }
            accumulator.accumulateClass(acc, k, evals);
        });
        Summary summary = Summary.summarize(acc, params);
        List<ClassMetrics> perClass = params.useCategories() ? perClass(acc, params, categories) : List.of();
        return new EvalResult(params, categories, acc, summary, perClass, nI, groundTruths.size() - droppedGt,
                detections.size() - droppedDt, droppedGt, droppedDt);
    }

    private static Long cell(Integer image, Integer category, int nI) {
        return image == null || category == null ? null : (long) category * nI + image;
    }

    /** The area range labelled "all", else the first. */
    static int allAreaIndex(EvalParams p) {
        return Math.max(0, p.areaIndex("all"));
    }

    private static List<ClassMetrics> perClass(Accumulation acc, EvalParams p, List<Category> categories) {
        int a = allAreaIndex(p);
        int m = p.maxDets().size() - 1;
        int nT = acc.iouThresholdCount();
        int nR = acc.recallThresholdCount();
        int t50 = p.iouIndex(.5);
        int t75 = p.iouIndex(.75);
        List<ClassMetrics> out = new ArrayList<>(categories.size());
        for (int k = 0; k < categories.size(); k++) {
            double[] recalls = new double[nT];
            int nRec = 0;
            for (int t = 0; t < nT; t++) {
                double v = acc.recall(t, k, a, m);
                if (v > -1) {
                    recalls[nRec++] = v;
                }
            }
            out.add(new ClassMetrics(categories.get(k), meanPrecision(acc, k, a, m, 0, nT, nR),
                    t50 < 0 ? -1 : meanPrecision(acc, k, a, m, t50, t50 + 1, nR),
                    t75 < 0 ? -1 : meanPrecision(acc, k, a, m, t75, t75 + 1, nR),
                    nRec == 0 ? -1 : NumpyMath.mean(recalls, nRec)));
        }
        return out;
    }

    private static double meanPrecision(Accumulation acc, int k, int a, int m, int tFrom, int tTo, int nR) {
        double[] values = new double[(tTo - tFrom) * nR];
        int n = 0;
        for (int t = tFrom; t < tTo; t++) {
            for (int r = 0; r < nR; r++) {
                double v = acc.precision(t, r, k, a, m);
                if (v > -1) {
                    values[n++] = v;
                }
            }
        }
        return n == 0 ? -1 : NumpyMath.mean(values, n);
    }
}
