package dev.loupe.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Category retrieval: object crops (cut as {@code loupe embed} cuts them) retrieve crops of other
 * images; precision@10 is the mean share of the 10 nearest that have the query's class, what
 * {@code annotation.quality} and Loupe's own classifier rely on.
 */
final class CategoryRetrieval {
    static final int K = 10;

    private CategoryRetrieval() {
    }

    static void run(FeatureBank bank, String dataset, SimilarityData.Objects objects, PrintWriter out) throws Exception {
        Map<String, Feature> features = bank.compute(objects.image().size(), objects::crops);
        int n = objects.count();
        int[] classes = new int[n];
        int[] groups = new int[n];
        int row = 0;
        int[] perClass = new int[1 + objects.classes().stream().flatMapToInt(java.util.Arrays::stream).max().orElse(0)];
        for (int g = 0; g < objects.image().size(); g++) {
            for (int c : objects.classes().get(g)) {
                classes[row] = c;
                groups[row] = g;
                perClass[c]++;
                row++;
            }
        }
        // Chance level: the mean over objects of the share of other objects with its class.
        double chance = 0;
        for (int c : classes) {
            chance += (perClass[c] - 1.0) / (n - 1);
        }
        out.printf(java.util.Locale.ROOT, "%nCategory retrieval on %s: %d object crops of %d images, %d classes; precision@%d of same-class crops "
                + "from other images (chance %.3f)%n", dataset, n, objects.image().size(), objects.classNames().size(), K, chance / n);
        SimilarityBench.header(out, "feature", List.of("P@" + K));
        features.forEach((name, f) -> SimilarityBench.row(out, name, SimilarityBench.list(Retrieval.precisionAt(f, classes, groups, K))));
        out.flush();
    }
}
