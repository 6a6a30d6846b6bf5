package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copy detection: every original and one seeded copy per {@link ImageVariants} edit are embedded
 * together; each copy queries all images and the original's rank is recorded. The copy's siblings
 * (other edits of the same original) are left out of its candidates: finding them first is no miss.
 */
final class CopyDetection {
    private CopyDetection() {
    }

    /**
     * @param ranks per feature, per edit, the original's rank for each copy
     */
    record Result(int originals, Map<String, int[][]> ranks, Map<String, Feature> features) {
        /** The features of the originals alone. */
        Map<String, Feature> originalFeatures() {
            int per = 1 + ImageVariants.values().length;
            int[] rows = new int[originals];
            for (int i = 0; i < originals; i++) {
                rows[i] = i * per;
            }
            Map<String, Feature> out = new LinkedHashMap<>();
            features.forEach((k, f) -> out.put(k, f.select(rows)));
            return out;
        }

        void print(PrintWriter out, String dataset) {
            ImageVariants[] edits = ImageVariants.values();
            out.printf("%nCopy detection on %s: %d originals + %d copies; recall@1 of the original per edit, then over all edits recall@1 and @5%n",
                    dataset, originals, originals * edits.length);
            List<String> cols = new ArrayList<>();
            for (ImageVariants v : edits) {
                cols.add(v.name().toLowerCase(java.util.Locale.ROOT).replace("brightness_contrast", "bri/con"));
            }
            cols.addAll(List.of("all@1", "all@5"));
            SimilarityBench.header(out, "feature", cols);
            ranks.forEach((name, perEdit) -> {
                List<Double> row = new ArrayList<>();
                List<Integer> all = new ArrayList<>();
                for (int[] r : perEdit) {
                    row.add(Retrieval.recallAt(r, 1));
                    for (int x : r) {
                        all.add(x);
                    }
                }
                int[] a = all.stream().mapToInt(Integer::intValue).toArray();
                row.add(Retrieval.recallAt(a, 1));
                row.add(Retrieval.recallAt(a, 5));
                SimilarityBench.row(out, name, row);
            });
            out.flush();
        }
    }

    static Result run(FeatureBank bank, List<Path> originals, long seed) throws Exception {
        int per = 1 + ImageVariants.values().length;
        Map<String, Feature> features = bank.compute(originals.size(), i -> {
            PixelImage im = SimilarityData.decode(originals.get(i));
            List<PixelImage> batch = new ArrayList<>();
            batch.add(im);
            batch.addAll(SimilarityData.variants(im, seed, i));
            return batch;
        });
        int edits = per - 1;
        Map<String, int[][]> ranks = new LinkedHashMap<>();
        for (Map.Entry<String, Feature> e : features.entrySet()) {
            int[][] r = new int[edits][];
            for (int t = 0; t < edits; t++) {
                int[] queries = new int[originals.size()];
                int[] targets = new int[originals.size()];
                for (int i = 0; i < queries.length; i++) {
                    queries[i] = i * per + 1 + t;
                    targets[i] = i * per;
                }
                r[t] = Retrieval.ranks(e.getValue(), queries, targets, (q, c) -> c / per == q / per);
            }
            ranks.put(e.getKey(), r);
        }
        return new Result(originals.size(), ranks, features);
    }
}
