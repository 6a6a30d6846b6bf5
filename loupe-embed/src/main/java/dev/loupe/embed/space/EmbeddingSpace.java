package dev.loupe.embed.space;

import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.pipeline.PipelineProgress;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.VectorIndex;
import dev.loupe.knn.Vectors;

/**
 * Everything computed from stored embeddings after an embedding run: per image the uniqueness and
 * near-duplicate cluster, per object the annotation quality, and the 2-D maps. Pure: the caller
 * reads the vectors and stores the results.
 *
 * @param imageIds        image ids, in the order of the per-image arrays
 * @param uniqueness      {@link Uniqueness} per image (NaN: no other image)
 * @param clusterSize     near-duplicate cluster size per image (1 = none)
 * @param clusterId       smallest image id of the cluster, or -1 when the image has no near duplicate
 * @param imageMap        PCA map of the images (null when fewer than 3)
 * @param annotationIds   object ids, in the order of {@code quality}
 * @param quality         {@link AnnotationQuality} per object (NaN: not defined)
 * @param suggestedClass  per object the class its neighbours weigh most (-1: none)
 * @param qualityMargin   per object the {@link AnnotationQuality.Scores#margin} that orders ties of quality
 * @param objectMap       PCA map of the objects (null when fewer than 3)
 * @param duplicateThreshold the near-duplicate cosine distance of these images (from their nearest-neighbour distances)
 */
public record EmbeddingSpace(long[] imageIds, double[] uniqueness, int[] clusterSize, long[] clusterId, Pca.Projection imageMap,
                                long[] annotationIds, double[] quality, int[] suggestedClass, double[] qualityMargin,
                                Pca.Projection objectMap, dev.loupe.core.similarity.DuplicateThreshold duplicateThreshold) {
    /** Neighbours per image searched for near-duplicate links. */
    public static final int DUPLICATE_NEIGHBOURS = 10;

    /**
     * Up to how many vectors the neighbours of every row are found exactly ({@link ExactIndex#searchRows}),
     * beyond that in an HNSW index. Higher than {@link VectorIndex#EXACT_LIMIT} (which is about one query
     * at a time and memory): finding every row's neighbours exactly took 29 s at 7·10^4 × 127-d on 2
     * loaded cores, where building the HNSW index alone took 238 s at 10^5 × 64-d
     * ({@code loupe bench embed-space}, docs/PERFORMANCE.md).
     */
    public static final int ALL_ROWS_EXACT_LIMIT = 200_000;

    public static EmbeddingSpace of(VectorSet images, VectorSet objects, int threads) {
        return of(images, objects, threads, (scanned, total, analysed, saved, seconds) -> { });
    }

    /**
     * @param progress told the rows whose neighbours are found so far, of all images and objects (the
     *                 bulk of the work; the 2-D maps and the margin searches follow in seconds)
     */
    public static EmbeddingSpace of(VectorSet images, VectorSet objects, int threads, PipelineProgress progress) {
        RowProgress rows = new RowProgress(progress, (long) images.size() + objects.size());
        Vectors iv = Vectors.forSimilarity(images.vectors());
        VectorIndex index = allRowsIndex(iv, threads);
        NeighbourLists nn = NeighbourLists.of(index, DUPLICATE_NEIGHBOURS, null, rows);
        double[] uniqueness = Uniqueness.of(nn);
        NearDuplicateClusters.Clusters clusters = NearDuplicateClusters.of(nn);
        long[] clusterId = new long[images.size()];
        for (int i = 0; i < clusterId.length; i++) {
            clusterId[i] = clusters.size()[i] > 1 ? images.ids()[clusters.root()[i]] : -1;
        }
        Pca.Projection imageMap = images.size() >= 3 ? Pca.project(iv) : null;

        Vectors ov = Vectors.forSimilarity(objects.vectors());
        AnnotationQuality.Scores scores = new AnnotationQuality.Scores(new double[0], new int[0], new double[0]);
        Pca.Projection objectMap = null;
        if (objects.size() > 0) {
            VectorIndex objectIndex = allRowsIndex(ov, threads);
            NeighbourLists onn = NeighbourLists.of(objectIndex, AnnotationQuality.K, AnnotationQuality.exclusion(objects), rows);
            scores = AnnotationQuality.of(objects, onn, objectIndex);
            objectMap = objects.size() >= 3 ? Pca.project(ov) : null;
        }
        return new EmbeddingSpace(images.ids(), uniqueness, clusters.size(), clusterId, imageMap, objects.ids(), scores.quality(), scores.suggested(), scores.margin(), objectMap,
                clusters.threshold());
    }

    private static VectorIndex allRowsIndex(Vectors v, int threads) {
        return v.size() <= ALL_ROWS_EXACT_LIMIT ? new ExactIndex(v) : VectorIndex.create(v, threads);
    }

    /**
     * What the space depends on, as a SHA-256 hex string: the model's name, the rules (every
     * embedding metric's id and version, the neighbour counts) and every id, image, class and vector
     * value of both sets. An equal fingerprint means the same space, which {@code loupe embed} then
     * skips; any changed vector, label or item gives another.
     */
    public static String fingerprint(String model, VectorSet images, VectorSet objects) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        StringBuilder rules = new StringBuilder(model).append('\n').append(DUPLICATE_NEIGHBOURS).append(' ').append(AnnotationQuality.K)
                .append(' ').append(ALL_ROWS_EXACT_LIMIT);
        EmbeddingMetrics.ALL.keySet().forEach(m -> rules.append('\n').append(m.id()).append('@').append(m.version()));
        sha.update(rules.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (VectorSet set : new VectorSet[] {images, objects}) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 16);
            b.putInt(set.size());
            for (int i = 0; i < set.size(); i++) {
                float[] v = set.vectors()[i];
                int row = 24 + 4 * v.length;
                if (b.remaining() < row) {
                    sha.update(b.flip());
                    b = b.capacity() >= row ? b.clear() : java.nio.ByteBuffer.allocate(row);
                }
                b.putLong(set.ids()[i]).putLong(set.imageIds()[i]).putInt(set.classIds()[i]).putInt(v.length);
                for (float x : v) {
                    b.putFloat(x);
                }
            }
            sha.update(b.flip());
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** Rows of objects with a quality, lowest first; ties (many at 0 and 1) by their margin, then by row. */
    public java.util.List<Integer> lowestQualityFirst() {
        return new AnnotationQuality.Scores(quality, suggestedClass, qualityMargin).lowestFirst();
    }
}
