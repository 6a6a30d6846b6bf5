package dev.loupe.embed.space;

import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import dev.loupe.core.similarity.CompleteLinkage;
import dev.loupe.core.similarity.DuplicateThreshold;
import java.util.ArrayList;
import java.util.List;

/**
 * Near-duplicate clusters from embedding distance. The threshold comes from the dataset itself
 * ({@link DuplicateThreshold}: far below the typical cosine distance from an image to its nearest
 * neighbour), and clusters are formed by complete linkage over the links within it among each image's
 * k nearest neighbours ({@link CompleteLinkage}): every pair in a cluster is within the threshold, so
 * clusters never chain.
 *
 * <p>Why not a constant: a cosine distance means different things in different datasets and models.
 * The former rule (0.03, single linkage) flagged 15-86% of Fashion-MNIST, which has essentially no
 * duplicates, and chained 500 different trousers into one cluster; on BCCD it missed the one real pair
 * (the same field at another focus). Figures for the default model are in the README
 * ({@code loupe bench similarity}).
 */
public final class NearDuplicateClusters {
    public static final MetricDescriptor GROUP_SIZE = MetricDescriptor.image("image.embedding_duplicate_group_size",
            "Embedding near-duplicate group size", "Number of images in this image's near-duplicate cluster (every pair within "
                    + "the dataset's near-duplicate distance: far below its usual nearest-neighbour distance); 1 = no near duplicate.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.LOWER_IS_BETTER).withoutOutliers().withVersion("2");
    public static final MetricDescriptor CLUSTER = MetricDescriptor.image("image.embedding_duplicate_cluster",
            "Embedding near-duplicate cluster", "Smallest image id of this image's near-duplicate cluster (complete linkage "
                    + "within the dataset's near-duplicate distance); missing when the image has no near duplicate.",
            ValueKind.IDENTIFIER, Direction.NONE).withoutOutliers().withVersion("2");

    /**
     * @param root      cluster representative per row (the row with the smallest id in the cluster)
     * @param size      cluster size per row
     * @param threshold the cosine distance used, with the distribution it came from
     */
    public record Clusters(int[] root, int[] size, DuplicateThreshold threshold) {
    }

    private NearDuplicateClusters() {
    }

    /** Clusters with the threshold taken from the rows' nearest-neighbour distances. */
    public static Clusters of(NeighbourLists nn) {
        double[] nearest = Uniqueness.of(nn);
        return of(nn, DuplicateThreshold.of(nearest, DuplicateThreshold.COSINE_OFFSET));
    }

    /** Clusters rows whose neighbours lie within the threshold's cosine distance, by complete linkage. */
    public static Clusters of(NeighbourLists nn, DuplicateThreshold threshold) {
        int n = nn.lists().length;
        List<CompleteLinkage.Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var l = nn.lists()[i];
            for (int j = 0; j < l.size(); j++) {
                double d = Math.max(0, 1 - l.similarities()[j]);
                if (d <= threshold.threshold()) {
                    links.add(new CompleteLinkage.Link(i, l.rows()[j], d));
                }
            }
        }
        CompleteLinkage.Groups g = CompleteLinkage.of(n, links);
        return new Clusters(g.root(), g.size(), threshold);
    }
}
