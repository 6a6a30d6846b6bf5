package dev.loupe.spark;

import dev.loupe.core.LoupeException;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.parquet.ImageRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The driver's side of one distributed pass over the project's images: cuts the images into id
 * ranges, writes the pass's input tables (the image-keyed ones cut by range), runs one
 * {@link SliceTask} per range on the executors, checks that each recorded the driver's run, and
 * loads their output tables into the project.
 */
final class PartitionStage {
    private final ProjectStore project;
    private final JavaSparkContext spark;
    private final Path work;
    private final JobFolders folders;
    private final int partitions;
    private List<ImageRange> ranges = List.of();

    /**
     * @param work    a local folder of the driver's for this pass
     * @param folders where the partitions read and write: {@code work}'s input and output folders when
     *                they are shared with the executors, else folders on a Hadoop file system that
     *                the driver copies the input to and the output from
     */
    PartitionStage(ProjectStore project, JavaSparkContext spark, Path work, JobFolders folders, int partitions) {
        this.project = project;
        this.spark = spark;
        this.work = work;
        this.folders = folders;
        this.partitions = partitions;
    }

    /**
     * Cuts the images and writes the input tables. Called before the driver's run begins: a
     * partition's project then gives its run the id the driver's gets.
     */
    void prepare(List<String> input) {
        ranges = project.exports().imageRanges(partitions);
        project.exports().dumpTables(work.resolve("input"), "part-0.parquet",
                input.stream().filter(t -> !JobFolders.RANGED.contains(t)).toList());
        for (ImageRange range : ranges) {
            project.exports().dumpTables(work.resolve("input"), JobFolders.rangeFile(range),
                    input.stream().filter(JobFolders.RANGED::contains).toList(), range);
        }
    }

    /** Runs the partitions of run {@code runId} and loads what they wrote; their reports. */
    List<SliceReport> run(long runId, SliceWork pass) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        if (folders.remoteTables()) {
            transfer(() -> folders.files().upload(work.resolve("input"), folders.input()), "copy the input tables to " + folders.input());
        }
        List<SliceReport> reports = spark.parallelize(ranges, ranges.size()).map(new SliceTask(folders, pass)).collect();
        for (SliceReport r : reports) {
            if (r.runId() != runId) {
                throw new IllegalStateException("partition " + r.range() + " recorded run " + r.runId() + ", the driver " + runId);
            }
        }
        if (folders.remoteTables()) {
            transfer(() -> folders.files().download(folders.output(), work.resolve("output")),
                    "copy the output tables from " + folders.output());
        }
        project.exports().load(work.resolve("output"), pass.output());
        return reports;
    }

    private interface Transfer {
        void run() throws IOException;
    }

    private static void transfer(Transfer t, String what) {
        try {
            t.run();
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.STORE, "cannot " + what + ": " + e.getMessage(), e);
        }
    }
}
