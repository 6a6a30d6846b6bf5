package dev.loupe.core.embed;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.pipeline.WorkPage;
import java.util.List;
import java.util.Map;

/**
 * What an embedding run needs from a project store (implemented by loupe-store, used by
 * loupe-embed). Vectors are kept per model, so that vectors of different models never mix. Each
 * {@link #write} is one transaction that also marks its images done for the model, so a killed run
 * resumes without recomputing and without holes or duplicates. Implementations must be safe to
 * call from a reading and a writing thread at once.
 */
public interface EmbeddingStore {

    /** Registers the model on first use (by name) and records a run; returns both ids. */
    Run begin(String modelName, int dimension, String description, Map<String, String> parameters);

    /** A started run of a model. */
    record Run(long runId, int modelId) {
    }

    /** Number of images in the project. */
    long imageCount();

    /** Up to {@code limit} images after {@code afterImageId}, in id order; only those not yet done for the model are returned. */
    WorkPage<Task> nextChunk(int modelId, long afterImageId, int limit);

    /** One image to embed, with its file and annotations (objects with a box are cropped). */
    record Task(ImageRecord image, ImageFolder folder, List<Annotation> annotations) {
    }

    /** Stores vectors and failures of some images and marks them done for the run's model. */
    void write(Run run, List<Result> results);

    /**
     * The vectors of one image.
     *
     * @param imageVector null when the image could not be embedded (then a failure says why)
     * @param objects     one per object crop embedded
     */
    record Result(long imageId, float[] imageVector, List<ObjectVector> objects, List<Failure> failures) {
    }

    /** The vector of an object crop. */
    record ObjectVector(long annotationId, float[] vector) {
    }

    /** An item that could not be embedded; recorded, the run goes on. */
    record Failure(String itemType, long itemId, String message) {
    }

    /**
     * The fingerprint {@link #recordSpace} last recorded: of the model and vectors the stored embedding
     * metrics (uniqueness, clusters, quality, maps) were computed from; null when none was recorded.
     */
    String spaceFingerprint();

    /** Records the fingerprint of the model and vectors the embedding metrics now stored were computed from. */
    void recordSpace(String fingerprint);

    /** Replaces the 2-D map of a model's images or objects ({@code itemType} "image" or "annotation"), one transaction. */
    void writeMap(int modelId, String itemType, long[] ids, double[] x, double[] y, String method);

    /** Ends a run with a status ("succeeded", "failed", "interrupted") and a one-line message. */
    void finish(long runId, String status, String message);

    /**
     * Ends a run that failed with {@code cause}, keeping {@code cause} the error that is reported: a
     * failure to record the end (a full disk fails that too, with "no transaction is active") is
     * added to it as suppressed instead of replacing it.
     */
    default void finishAfter(long runId, String status, Throwable cause) {
        try {
            finish(runId, status, String.valueOf(cause));
        } catch (RuntimeException second) {
            cause.addSuppressed(second);
        }
    }
}
