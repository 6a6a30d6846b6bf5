package dev.loupe.spark;

import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.pipeline.WorkPage;
import dev.loupe.store.ProjectStore;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The driver's side of a distributed embedding run: the project's own {@link EmbeddingStore}, whose
 * {@link #begin} also embeds every image and object crop on the executors (a {@link PartitionStage}
 * of {@link EmbeddingSlice}s) and loads their vectors into the project. Loupe's embedding runner
 * then finds every image done and finishes the run, as a resumed local run would.
 */
final class DistributedEmbedding implements EmbeddingStore {
    private final EmbeddingStore local;
    private final PartitionStage stage;
    private final Function<Map<String, String>, SliceWork> pass;
    private List<SliceReport> reports = List.of();

    /** @param pass the partitions' embedding pass, made once the run's parameters are known */
    DistributedEmbedding(ProjectStore project, PartitionStage stage, Function<Map<String, String>, SliceWork> pass) {
        this.local = project.embeddings();
        this.stage = stage;
        this.pass = pass;
    }

    @Override
    public Run begin(String modelName, int dimension, String description, Map<String, String> parameters) {
        stage.prepare(EmbeddingSlice.INPUT);
        Run run = local.begin(modelName, dimension, description, parameters);
        reports = stage.run(run.runId(), pass.apply(parameters));
        return run;
    }

    /** The partitions' reports of the last run. */
    List<SliceReport> reports() {
        return reports;
    }

    @Override
    public long imageCount() {
        return local.imageCount();
    }

    @Override
    public WorkPage<Task> nextChunk(int modelId, long afterImageId, int limit) {
        return local.nextChunk(modelId, afterImageId, limit);
    }

    @Override
    public void write(Run run, List<Result> results) {
        local.write(run, results);
    }

    @Override
    public String spaceFingerprint() {
        return local.spaceFingerprint();
    }

    @Override
    public void recordSpace(String fingerprint) {
        local.recordSpace(fingerprint);
    }

    @Override
    public void writeMap(int modelId, String itemType, long[] ids, double[] x, double[] y, String method) {
        local.writeMap(modelId, itemType, ids, x, y, method);
    }

    @Override
    public void finish(long runId, String status, String message) {
        local.finish(runId, status, "succeeded".equals(status)
                ? reports.stream().mapToLong(SliceReport::analysed).sum() + " images embedded on Spark in " + reports.size()
                        + " partitions, " + reports.stream().mapToLong(SliceReport::failures).sum() + " failures"
                : message);
    }
}
