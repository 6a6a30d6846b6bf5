package dev.loupe.spark;

import dev.loupe.store.parquet.ImageRange;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.Function;

/**
 * One partition of a distributed pass, run on an executor: loads its images (an id range) and their
 * rows of the pass's input tables into a project of its own on local disk (copying them, and the
 * images, from a Hadoop file system when the job's folders are there), runs the pass on it
 * ({@link SliceWork}), and writes the resulting tables as one Parquet file each, named by the
 * range: a retried or speculative attempt replaces the file, it never adds rows.
 */
final class SliceTask implements Function<ImageRange, SliceReport>, Serializable {
    private static final long serialVersionUID = 2L;

    private final JobFolders folders;
    private final SliceWork work;

    SliceTask(JobFolders folders, SliceWork work) {
        this.folders = folders;
        this.work = work;
    }

    @Override
    public SliceReport call(ImageRange range) throws IOException {
        long start = System.nanoTime();
        Path local = Files.createTempDirectory("loupe-slice-");
        try {
            SliceWork.Done done;
            double outputSeconds;
            Path input = folders.inputFor(range, local.resolve("input"), work.input());
            Path images = folders.images() == null ? null : Files.createDirectories(local.resolve("images"));
            try (ProjectStore store = ProjectStore.attachSlice(local.resolve("project"), input, work.input(), range, images)) {
                if (images != null) {
                    folders.fetchImages(store.labels().images(), images);
                }
                done = work.run(store);
                if (images != null) {
                    store.exports().replaceInProvenance(images, folders.images());
                }
                Path output = folders.outputFor(local.resolve("output"));
                outputSeconds = store.exports().dumpTables(output, JobFolders.rangeFile(range), work.output()).seconds();
                folders.publish(output, JobFolders.rangeFile(range));
            }
            return new SliceReport(range, done.runId(), done.images(), done.done(), done.failures(),
                    (System.nanoTime() - start) / 1e9, done.seconds(), outputSeconds);
        } finally {
            deleteRecursively(local);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
