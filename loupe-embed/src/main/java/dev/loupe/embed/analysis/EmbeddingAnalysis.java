package dev.loupe.embed.analysis;

import dev.loupe.core.embed.VectorSet;
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
public record EmbeddingAnalysis(long[] imageIds, double[] uniqueness, int[] clusterSize, long[] clusterId, Pca.Projection imageMap,
                                long[] annotationIds, double[] quality, int[] suggestedClass, double[] qualityMargin,
                                Pca.Projection objectMap, dev.loupe.core.similarity.DuplicateThreshold duplicateThreshold) {
    /** Neighbours per image searched for near-duplicate links. */
    public static final int DUPLICATE_NEIGHBOURS = 10;

    public static EmbeddingAnalysis of(VectorSet images, VectorSet objects, int threads) {
        Vectors iv = Vectors.forSimilarity(images.vectors());
        VectorIndex index = VectorIndex.create(iv, threads);
        NeighbourLists nn = NeighbourLists.of(index, DUPLICATE_NEIGHBOURS, null);
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
            VectorIndex objectIndex = VectorIndex.create(ov, threads);
            NeighbourLists onn = NeighbourLists.of(objectIndex, AnnotationQuality.K, AnnotationQuality.exclusion(objects));
            scores = AnnotationQuality.of(objects, onn, objectIndex);
            objectMap = objects.size() >= 3 ? Pca.project(ov) : null;
        }
        return new EmbeddingAnalysis(images.ids(), uniqueness, clusters.size(), clusterId, imageMap, objects.ids(), scores.quality(), scores.suggested(), scores.margin(), objectMap,
                clusters.threshold());
    }

    /** Rows of objects with a quality, lowest first; ties (many at 0 and 1) by their margin, then by row. */
    public java.util.List<Integer> lowestQualityFirst() {
        return new AnnotationQuality.Scores(quality, suggestedClass, qualityMargin).lowestFirst();
    }
}
