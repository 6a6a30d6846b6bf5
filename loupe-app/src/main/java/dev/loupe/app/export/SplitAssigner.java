package dev.loupe.app.export;

import dev.loupe.core.Shuffle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Deals images to the splits of a {@link SplitPlan}, deterministically: the images of each stratum
 * (all of them, or, stratified, those whose main class is the same; images without a class form one
 * stratum) are sorted by id, shuffled by Fisher–Yates with {@code SplittableRandom(seed)} (strata in
 * key order, one generator), and dealt in the plan's order in counts by the largest remainder of
 * share × count (ties to the split named first). So the counts are as close to the shares as whole
 * images allow, in every stratum.
 */
final class SplitAssigner {
    /** The stratum of images without any class. */
    static final int NO_CLASS = Integer.MIN_VALUE;

    private SplitAssigner() {
    }

    /**
     * @param imageIds the images to deal
     * @param stratum  image id to its stratum key (its main class id, or {@link #NO_CLASS}); ignored unless stratified
     * @return image id to split name
     */
    static Map<Long, String> assign(List<Long> imageIds, Map<Long, Integer> stratum, SplitPlan plan) {
        Map<Integer, List<Long>> strata = new TreeMap<>();
        for (long id : imageIds) {
            int key = plan.stratified() ? stratum.getOrDefault(id, NO_CLASS) : 0;
            strata.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
        }
        SplittableRandom random = new SplittableRandom(plan.seed());
        List<String> names = new ArrayList<>(plan.shares().keySet());
        Map<Long, String> out = new HashMap<>();
        for (List<Long> ids : strata.values()) {
            ids.sort(null);
            Shuffle.inPlace(ids, random);
            int[] counts = counts(ids.size(), names.stream().mapToDouble(n -> plan.shares().get(n)).toArray());
            int at = 0;
            for (int s = 0; s < names.size(); s++) {
                for (int k = 0; k < counts[s]; k++) {
                    out.put(ids.get(at++), names.get(s));
                }
            }
        }
        return out;
    }

    /** Whole counts summing to n, by the largest remainder of share × n (ties to the earlier split). */
    static int[] counts(int n, double[] shares) {
        int[] counts = new int[shares.length];
        double[] rest = new double[shares.length];
        int dealt = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = shares[i] * n;
            counts[i] = (int) Math.floor(exact + 1e-9);
            rest[i] = exact - counts[i];
            dealt += counts[i];
        }
        while (dealt < n) {
            int best = 0;
            for (int i = 1; i < shares.length; i++) {
                if (rest[i] > rest[best] + 1e-12) {
                    best = i;
                }
            }
            counts[best]++;
            rest[best] = -1;
            dealt++;
        }
        while (dealt > n) { // only from rounding up by the epsilon above
            for (int i = shares.length - 1; i >= 0 && dealt > n; i--) {
                if (counts[i] > 0) {
                    counts[i]--;
                    dealt--;
                }
            }
        }
        return counts;
    }

    /** The main class of each image: its most frequent annotation class, the lowest id on ties. */
    static Map<Long, Integer> mainClasses(Map<Long, List<dev.loupe.core.model.Annotation>> byImage) {
        Map<Long, Integer> out = new HashMap<>();
        byImage.forEach((image, annotations) -> {
            Map<Integer, Integer> n = new TreeMap<>();
            for (var a : annotations) {
                if (a.categoryId() != null) {
                    n.merge(a.categoryId(), 1, Integer::sum);
                }
            }
            n.entrySet().stream().max((x, y) -> x.getValue().equals(y.getValue())
                    ? Integer.compare(y.getKey(), x.getKey()) : Integer.compare(x.getValue(), y.getValue()))
                    .ifPresent(e -> out.put(image, e.getKey()));
        });
        return out;
    }
}
