package dev.loupe.embed.space;

import dev.loupe.api.MetricDescriptor;
import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.metrics.runner.MetricRunStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stores what {@link EmbeddingSpace} computed as metrics of one metric run, like any other
 * metric, so that filters, sorting, outliers, the scatter and exports apply to them: uniqueness,
 * near-duplicate groups, annotation quality and the coordinates of both 2-D maps.
 */
public final class EmbeddingMetrics {
    private EmbeddingMetrics() {
    }

    /**
     * Every metric {@code loupe embed} computes, with the class that defines it: not per-item
     * functions the registry runs, but values of one pass over all vectors. {@code metrics list}
     * and the README's catalogue show them beside the registry's.
     */
    public static final Map<MetricDescriptor, Class<?>> ALL = allMetrics();

    private static Map<MetricDescriptor, Class<?>> allMetrics() {
        Map<MetricDescriptor, Class<?>> all = new java.util.LinkedHashMap<>();
        all.put(Uniqueness.DESCRIPTOR, Uniqueness.class);
        all.put(NearDuplicateClusters.GROUP_SIZE, NearDuplicateClusters.class);
        all.put(NearDuplicateClusters.CLUSTER, NearDuplicateClusters.class);
        all.put(AnnotationQuality.DESCRIPTOR, AnnotationQuality.class);
        all.put(AnnotationQuality.MARGIN, AnnotationQuality.class);
        all.put(Pca.IMAGE_X, Pca.class);
        all.put(Pca.IMAGE_Y, Pca.class);
        all.put(Pca.OBJECT_X, Pca.class);
        all.put(Pca.OBJECT_Y, Pca.class);
        return java.util.Collections.unmodifiableMap(all);
    }

    /** The metrics {@code a} holds values of. */
    public static List<MetricDescriptor> of(EmbeddingSpace a) {
        List<MetricDescriptor> metrics = new ArrayList<>(List.of(Uniqueness.DESCRIPTOR, NearDuplicateClusters.GROUP_SIZE,
                NearDuplicateClusters.CLUSTER, AnnotationQuality.DESCRIPTOR, AnnotationQuality.MARGIN));
        if (a.imageMap() != null) {
            metrics.addAll(List.of(Pca.IMAGE_X, Pca.IMAGE_Y));
        }
        if (a.objectMap() != null) {
            metrics.addAll(List.of(Pca.OBJECT_X, Pca.OBJECT_Y));
        }
        return metrics;
    }

    /**
     * Stores the second phase's results of a model: the metric values (as any metric's: filters,
     * sorting and outliers apply, {@link #write}) and the 2-D maps.
     */
    public static void store(MetricRunStore runs, EmbeddingStore vectors, int modelId, EmbeddingSpace a, String modelName) {
        write(runs, a, modelName);
        if (a.imageMap() != null) {
            vectors.writeMap(modelId, "image", a.imageIds(), a.imageMap().x(), a.imageMap().y(), "pca");
        }
        if (a.objectMap() != null) {
            vectors.writeMap(modelId, "annotation", a.annotationIds(), a.objectMap().x(), a.objectMap().y(), "pca");
        }
    }

    /** Writes every value in one run of {@code runs}; a failure marks the run failed and is rethrown. */
    public static void write(MetricRunStore runs, EmbeddingSpace a, String modelName) {
        long runId = runs.begin(of(a), Map.of("source", "embeddings", "embedding_model", modelName,
                "duplicate_threshold", Double.toString(a.duplicateThreshold().threshold()),
                "duplicate_rule", "complete linkage within exp(median(ln(d+1e-3)) - " + dev.loupe.core.similarity.DuplicateThreshold.Z
                        + " * max(1.4826 MAD, " + dev.loupe.core.similarity.DuplicateThreshold.MIN_SPREAD + ")) - 1e-3 of the nearest distances d"));
        try {
            int n = a.imageIds().length;
            runs.writeAll(runId, Uniqueness.DESCRIPTOR, a.imageIds(), a.uniqueness(), n);
            double[] size = new double[n];
            double[] cluster = new double[n];
            for (int i = 0; i < n; i++) {
                size[i] = a.clusterSize()[i];
                cluster[i] = a.clusterId()[i] < 0 ? Double.NaN : a.clusterId()[i];
            }
            runs.writeAll(runId, NearDuplicateClusters.GROUP_SIZE, a.imageIds(), size, n);
            runs.writeAll(runId, NearDuplicateClusters.CLUSTER, a.imageIds(), cluster, n);
            int m = a.annotationIds().length;
            runs.writeAll(runId, AnnotationQuality.DESCRIPTOR, a.annotationIds(), a.quality(), m);
            runs.writeAll(runId, AnnotationQuality.MARGIN, a.annotationIds(), a.qualityMargin(), m);
            if (a.imageMap() != null) {
                runs.writeAll(runId, Pca.IMAGE_X, a.imageIds(), a.imageMap().x(), n);
                runs.writeAll(runId, Pca.IMAGE_Y, a.imageIds(), a.imageMap().y(), n);
            }
            if (a.objectMap() != null) {
                runs.writeAll(runId, Pca.OBJECT_X, a.annotationIds(), a.objectMap().x(), m);
                runs.writeAll(runId, Pca.OBJECT_Y, a.annotationIds(), a.objectMap().y(), m);
            }
            runs.finish(runId, "succeeded", "embedding metrics of " + modelName);
        } catch (RuntimeException e) {
            runs.finishAfter(runId, "failed", e);
            throw e;
        }
    }
}
