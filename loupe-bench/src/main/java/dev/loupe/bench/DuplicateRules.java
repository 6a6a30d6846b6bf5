package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.core.metrics.dataset.NearDuplicateGroupSize;
import dev.loupe.core.similarity.CompleteLinkage;
import dev.loupe.embed.space.NearDuplicateClusters;
import dev.loupe.embed.space.NeighbourLists;
import dev.loupe.knn.VectorIndex;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The near-duplicate rules as {@code loupe analyze} and {@code loupe embed} apply them (thresholds from
 * each dataset's nearest-neighbour distances, complete linkage): how many images they flag on a
 * dataset with essentially no duplicates (Fashion-MNIST) and whether they find BCCD's known pair.
 */
final class DuplicateRules {
    private DuplicateRules() {
    }

    /** One rule's outcome on one dataset. */
    record Outcome(int images, int flagged, double threshold, double median, boolean pairFound, int[] root, int[] size) {
        /** The groups of two or more, as lists of rows. */
        java.util.Collection<List<Integer>> groups() {
            java.util.Map<Integer, List<Integer>> g = new java.util.TreeMap<>();
            for (int i = 0; i < size.length; i++) {
                if (size[i] > 1) {
                    g.computeIfAbsent(root[i], k -> new java.util.ArrayList<>()).add(i);
                }
            }
            return g.values();
        }

        double share() {
            return (double) flagged / images;
        }
    }

    /** The embedding rule: k = 10 nearest neighbours (as {@code loupe embed}), adaptive threshold, complete linkage. */
    static Outcome embedding(Feature f, int[] pair, int threads) {
        NeighbourLists nn = NeighbourLists.of(VectorIndex.create(f.vectors(), threads), 10, null);
        NearDuplicateClusters.Clusters c = NearDuplicateClusters.of(nn);
        return outcome(c.root(), c.size(), c.threshold().threshold(), c.threshold().median(), pair);
    }

    /** The pHash rule on images large enough for it ({@link NearDuplicateGroupSize}); all pairs compared. */
    static Outcome phash(Feature f, int[] pair) {
        CompleteLinkage.Groups g = NearDuplicateGroupSize.groups(f.hashes());
        return outcome(g.root(), g.size(), Double.NaN, Double.NaN, pair);
    }

    private static Outcome outcome(int[] root, int[] size, double threshold, double median, int[] pair) {
        int flagged = 0;
        for (int s : size) {
            flagged += s > 1 ? 1 : 0;
        }
        boolean found = pair != null && root[pair[0]] == root[pair[1]];
        return new Outcome(size.length, flagged, threshold, median, found, root, size);
    }

    /** {@link #print}, then the groups by file name. */
    static void print(PrintWriter out, String dataset, String rule, Outcome o, List<Path> files) {
        print(out, dataset, rule, o, true);
        for (List<Integer> g : o.groups()) {
            out.println("             " + String.join(" + ", g.stream().map(i -> files.get(i).getFileName().toString()).toList()));
        }
    }

    static void print(PrintWriter out, String dataset, String rule, Outcome o, boolean pair) {
        out.printf(Locale.ROOT, "  %-10s %-34s %6d images  %5d flagged (%6.2f%%)%s%s%n", dataset, rule, o.images(), o.flagged(),
                100 * o.share(), Double.isNaN(o.threshold()) ? "" : String.format(Locale.ROOT, "  threshold %.4f (median nearest %.4f)",
                        o.threshold(), o.median()), pair ? (o.pairFound() ? "  00037/00038 grouped" : "  00037/00038 NOT grouped") : "");
        out.flush();
    }

    /** The first {@code count} Fashion-MNIST images (the 10 000 test images, then the training ones), grey as RGB. */
    static List<PixelImage> fashion(Path dir, int count) throws IOException {
        List<PixelImage> out = new java.util.ArrayList<>();
        for (String part : new String[] {"t10k", "train"}) {
            Path file = dir.resolve(part + "-images-idx3-ubyte.gz");
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16)))) {
                if (in.readInt() != 2051) {
                    throw new IOException(file + ": not an IDX image file");
                }
                int n = in.readInt();
                int rows = in.readInt();
                int cols = in.readInt();
                byte[] grey = new byte[rows * cols];
                for (int i = 0; i < n && out.size() < count; i++) {
                    in.readFully(grey);
                    byte[] rgb = new byte[3 * grey.length];
                    for (int p = 0; p < grey.length; p++) {
                        rgb[3 * p] = grey[p];
                        rgb[3 * p + 1] = grey[p];
                        rgb[3 * p + 2] = grey[p];
                    }
                    out.add(new PixelImage(cols, rows, rgb, 1, 8, false));
                }
            }
            if (out.size() == count) {
                break;
            }
        }
        return out;
    }
}
