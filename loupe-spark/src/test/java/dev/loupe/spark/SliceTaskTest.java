package dev.loupe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.formats.voc.VocImporter;
import dev.loupe.store.parquet.ImageRange;
import dev.loupe.store.ImportSource;
import dev.loupe.store.parquet.ParquetDump;
import dev.loupe.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partition run twice (a retried or speculative task) leaves one file per table: loading gives each row once. */
class SliceTaskTest {
    @TempDir
    Path tmp;

    @Test
    void aRetriedPartitionReplacesItsFilesInsteadOfAddingRows() throws Exception {
        BccdSubset data = BccdSubset.copy(tmp.resolve("data"), 6);
        Path project = tmp.resolve("project");
        VocImporter importer = new VocImporter(data.voc(), data.images(), null);
        ProjectStore.create(project, new ImportSource("voc", data.images(), data.voc().toString(), Map.of()), importer::read);
        Path input = tmp.resolve("input");
        Path output = tmp.resolve("output");
        List<String> metrics = List.of("image.brightness", "annotation.area");
        try (ProjectStore store = ProjectStore.open(project)) {
            store.exports().dumpTables(input, "part-0.parquet", MetricSlice.INPUT);
            List<ImageRange> ranges = store.exports().imageRanges(2);
            assertThat(ranges).hasSize(2);
            SliceTask task = new SliceTask(JobFolders.local(input, output), new MetricSlice(metrics, null, 1, 1_000_000, Map.of()));
            SliceReport first = task.call(ranges.get(0));
            SliceReport again = task.call(ranges.get(0));
            task.call(ranges.get(1));
            assertThat(first.images()).isEqualTo(3);
            assertThat(first.analysed()).isEqualTo(3);
            assertThat(again.runId()).isEqualTo(first.runId()).isEqualTo(2);
            for (String table : MetricSlice.OUTPUT) {
                try (Stream<Path> files = Files.list(output.resolve(table))) {
                    assertThat(files.filter(p -> p.toString().endsWith(".parquet")).count()).as(table).isEqualTo(2);
                }
            }
            // the columns the driver's run creates before loading
            store.metrics().analysis().begin(metrics.stream().map(id -> dev.loupe.core.metrics.MetricRegistry.load(getClass().getClassLoader())
                    .get(id).descriptor()).toList(), Map.of());
            ParquetDump loaded = store.exports().load(output, MetricSlice.OUTPUT);
            assertThat(loaded.rows("image_metrics")).isEqualTo(5);
            assertThat(loaded.rows("metric_coverage")).isEqualTo(6);
            assertThat(loaded.rows("metric_sets")).isEqualTo(1);
            assertThat(loaded.rows("metric_failures")).isEqualTo(1);
            assertThat(loaded.rows("annotation_metrics")).isEqualTo(store.labels().summary().annotations());
        }
    }
}
