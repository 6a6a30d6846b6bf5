package dev.loupe.embed.analysis;

import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Near-duplicate clusters from embedding distance: images are linked when the cosine distance of
 * their embeddings is at most {@link #THRESHOLD} (among each image's k nearest neighbours), and a
 * cluster is a connected group of links (single linkage, union-find).
 *
 * <p><b>Threshold 0.03</b> (cosine distance of the built-in MobileNetV2's square-rooted features, see
 * {@link dev.loupe.embed.knn.Vectors#forSimilarity}). Measured on the shared data: the nearest distinct
 * image lies 0.109–0.31 away in voc100 and 0.029–0.16 in BCCD (whose smears all look alike; 5th
 * percentile 0.041), while a copy cropped by 5% on each side and re-encoded as JPEG (quality 75) lies
 * 0.025–0.21 from its original (voc100, median 0.10) and 0.025–0.10 (BCCD). So 0.03 links re-encodes and
 * near-identical shots without merging distinct smears; stronger edits are left to {@code loupe similar}
 * (which finds such a copy's original first in 47 of 50 voc100 and 35 of 41 BCCD cases). Other models
 * need their own threshold.
 */
public final class NearDuplicateClusters {
    public static final double THRESHOLD = 0.03;
    public static final MetricDescriptor GROUP_SIZE = MetricDescriptor.image("image.embedding_duplicate_group_size",
            "Embedding near-duplicate group size", "Number of images in this image's near-duplicate cluster (linked at cosine "
                    + "distance <= " + THRESHOLD + " of the embeddings); 1 = no near duplicate.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.LOWER_IS_BETTER).withoutOutliers();
    public static final MetricDescriptor CLUSTER = MetricDescriptor.image("image.embedding_duplicate_cluster",
            "Embedding near-duplicate cluster", "Smallest image id of this image's near-duplicate cluster (cosine distance <= "
                    + THRESHOLD + "); missing when the image has no near duplicate.",
            ValueKind.IDENTIFIER, Direction.NONE).withoutOutliers();

    /**
     * @param root cluster representative per row (the row with the smallest id in the cluster)
     * @param size cluster size per row
     */
    public record Clusters(int[] root, int[] size) {
    }

    private NearDuplicateClusters() {
    }

    /** Clusters rows whose neighbours lie within {@code threshold} cosine distance. */
    public static Clusters of(NeighbourLists nn, double threshold) {
        int n = nn.lists().length;
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            var l = nn.lists()[i];
            for (int j = 0; j < l.size(); j++) {
                if (1 - l.similarities()[j] <= threshold) {
                    union(parent, i, l.rows()[j]);
                }
            }
        }
        int[] root = new int[n];
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = find(parent, i);
            count[root[i]]++;
        }
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] = count[root[i]];
        }
        return new Clusters(root, size);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Joins two sets; the smaller row becomes the root, so roots are the smallest rows. */
    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
