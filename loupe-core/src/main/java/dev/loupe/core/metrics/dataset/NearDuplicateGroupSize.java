package dev.loupe.core.metrics.dataset;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;
import dev.loupe.core.similarity.CompleteLinkage;
import dev.loupe.core.similarity.DuplicateThreshold;
import dev.loupe.core.similarity.HammingNeighbours;
import java.util.Arrays;
import java.util.List;

/**
 * Number of images in this image's pHash near-duplicate group, itself included (1 = none). The
 * Hamming threshold comes from the dataset ({@link DuplicateThreshold} over each image's distance to
 * its nearest other hash: far closer than images of this dataset usually are), and groups are formed
 * by complete linkage ({@link CompleteLinkage}: every pair in a group within the threshold, no chaining).
 *
 * <p>Only images at least {@link #MIN_SIDE} pixels on their short side take part (the others get no
 * value): pHash keeps the 8x8 lowest frequencies of a 32x32 thumbnail, and an image barely larger than
 * that (Fashion-MNIST's 28x28) is upsampled into it, so its bits describe the coarse silhouette shared by
 * whole classes. On BCCD the threshold is 11.2 bits (median nearest distance 18; every image 14-22 bits from its
 * nearest except the real pair, 4 bits apart).
 */
public final class NearDuplicateGroupSize implements DatasetMetric {
    /** Shortest side, in pixels, for pHash near-duplicate grouping. */
    public static final int MIN_SIDE = 64;
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.near_duplicate_group_size",
            "Near-duplicate group size (pHash)", "Number of images in this image's pHash near-duplicate group, itself included "
                    + "(every pair far closer than this dataset's usual nearest-neighbour Hamming distance; complete linkage); "
                    + "1 = none; missing for images under " + MIN_SIDE + " pixels on the short side.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.LOWER_IS_BETTER).withoutOutliers();

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public List<String> inputs() {
        return List.of(NearDuplicateDistance.INPUT, "image.width", "image.height");
    }

    @Override
    public Accumulator start() {
        return new Accumulator() {
            private long[] ids = new long[64];
            private long[] hashes = new long[64];
            private int n;

            @Override
            public void observe(DatasetItem item, Object[] inputs) {
                Long hash = NearDuplicateDistance.parse(inputs[0]);
                if (hash == null || !(inputs[1] instanceof Double w) || !(inputs[2] instanceof Double h) || Math.min(w, h) < MIN_SIDE) {
                    return;
                }
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * n);
                    hashes = Arrays.copyOf(hashes, 2 * n);
                }
                ids[n] = item.id();
                hashes[n] = hash;
                n++;
            }

            @Override
            public void finish(ValueSink out) {
                CompleteLinkage.Groups g = groups(Arrays.copyOf(hashes, n));
                for (int i = 0; i < n; i++) {
                    out.accept(ids[i], g.size()[i]);
                }
            }
        };
    }

    /** The groups of these hashes (the nearest distances and the close pairs by {@link HammingNeighbours}). */
    public static CompleteLinkage.Groups groups(long[] hashes) {
        int n = hashes.length;
        HammingNeighbours index = new HammingNeighbours(hashes);
        int[] near = index.nearest(NearDuplicateDistance.NO_NEIGHBOUR);
        double[] nearest = new double[n];
        for (int i = 0; i < n; i++) {
            nearest[i] = n > 1 ? near[i] : Double.NaN;
        }
        double t = threshold(nearest).threshold();
        List<CompleteLinkage.Link> links = Double.isNaN(t) ? List.of() : index.pairsWithin((int) Math.floor(t), near);
        return CompleteLinkage.of(n, links);
    }

    static DuplicateThreshold threshold(double[] nearest) {
        return DuplicateThreshold.of(nearest, DuplicateThreshold.HAMMING_OFFSET);
    }
}
