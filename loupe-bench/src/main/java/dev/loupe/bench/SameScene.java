package dev.loupe.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Same scene: video frames should find frames of their own video before anything else, and BCCD
 * images a person confirmed as the same field (another focus) should find each other.
 */
final class SameScene {
    private SameScene() {
    }

    /**
     * The encord-examples video frames among themselves and the classification photos: per frame, the
     * rank of the nearest frame of its own video; recall@1 and @3 over frames.
     */
    static void frames(FeatureBank bank, Path encord, PrintWriter out) throws Exception {
        List<Path> frames = SimilarityData.jpegs(encord.resolve("video_frames_boxes_masks/JPEGImages"));
        List<Path> photos = SimilarityData.jpegs(encord.resolve("classification"));
        List<Path> all = new ArrayList<>(frames);
        all.addAll(photos);
        int[] video = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            video[i] = i < frames.size() ? all.get(i).getParent().getFileName().toString().hashCode() : -1 - i;
        }
        Map<String, Feature> features = bank.compute(all.size(), i -> List.of(SimilarityData.decode(all.get(i))));
        out.printf("%nSame scene, video frames: %d frames of %d videos among %d photos; rank of the nearest frame of the same video%n",
                frames.size(), frames.stream().map(Path::getParent).distinct().count(), photos.size());
        SimilarityBench.header(out, "feature", List.of("R@1", "R@3"));
        features.forEach((name, f) -> {
            int[] ranks = new int[frames.size()];
            for (int q = 0; q < frames.size(); q++) {
                int best = -1;
                for (int c = 0; c < frames.size(); c++) {
                    if (c != q && video[c] == video[q] && (best < 0 || f.similarity(q, c) > f.similarity(q, best))) {
                        best = c;
                    }
                }
                int target = best;
                ranks[q] = Retrieval.rank(f, q, target, (a, c) -> video[c] == video[a]);
            }
            SimilarityBench.row(out, name, SimilarityBench.list(Retrieval.recallAt(ranks, 1), Retrieval.recallAt(ranks, 3)));
        });
        out.flush();
    }

    /** Each confirmed pair A:B: the rank of B for A and of A for B among all BCCD images. */
    /** The rows (A, B) of each pair A:B in {@code bccd}. */
    static List<int[]> rows(List<Path> bccd, List<String> pairs) throws IOException {
        List<int[]> rows = new ArrayList<>();
        for (String p : pairs) {
            String[] ab = p.split(":");
            if (ab.length != 2) {
                throw new IOException("--bccd-pairs: '" + p + "' is not A:B");
            }
            rows.add(new int[] {indexOf(bccd, ab[0]), indexOf(bccd, ab[1])});
        }
        return rows;
    }

    static void pairs(Map<String, Feature> features, List<Path> bccd, List<String> pairs, PrintWriter out) throws Exception {
        List<int[]> rows = rows(bccd, pairs);
        out.printf("%nSame scene, BCCD pairs a person confirmed (the same field) among all %d BCCD images: rank of B for A / of A for B%n",
                bccd.size());
        List<String> cols = new ArrayList<>();
        for (String p : pairs) {
            cols.add(p.replace("BloodImage_", ""));
        }
        cols.add("R@1");
        cols.add("R@3");
        StringBuilder h = new StringBuilder(String.format("  %-22s", "feature"));
        cols.forEach(c -> h.append(String.format(" %12s", c)));
        out.println(h);
        features.forEach((name, f) -> {
            StringBuilder b = new StringBuilder(String.format("  %-22s", name));
            List<Integer> all = new ArrayList<>();
            for (int[] r : rows) {
                int ab = Retrieval.rank(f, r[0], r[1], null);
                int ba = Retrieval.rank(f, r[1], r[0], null);
                all.add(ab);
                all.add(ba);
                b.append(String.format(" %12s", ab + " / " + ba));
            }
            int[] a = all.stream().mapToInt(Integer::intValue).toArray();
            b.append(String.format(java.util.Locale.ROOT, " %12.3f %12.3f", Retrieval.recallAt(a, 1), Retrieval.recallAt(a, 3)));
            out.println(b);
        });
        out.flush();
    }

    private static int indexOf(List<Path> files, String stem) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            String n = files.get(i).getFileName().toString();
            if (n.equals(stem) || n.startsWith(stem + ".")) {
                return i;
            }
        }
        throw new IOException("--bccd-pairs: no BCCD image " + stem);
    }
}
