package dev.loupe.bench;

import dev.loupe.testkit.SyntheticCoco;
import com.fasterxml.jackson.core.JsonParser;
import dev.loupe.formats.Json;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.store.ImportResult;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Imports synthetic COCO files of growing size and prints time, rate and heap. The baseline, in the
 * same run, is a bare Jackson token scan of the same file: the floor any JSON importer pays.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Time 'init --coco' on synthetic COCO files (default 10^5 and 10^6 annotations) and print peak heap.")
final class ImportBench implements Callable<Integer> {
    @Option(names = "--annotations", split = ",", defaultValue = "100000,1000000",
            description = "annotation counts to run, comma-separated (default: ${DEFAULT-VALUE})")
    List<Long> sizes;

    @Option(names = "--per-image", defaultValue = "50", description = "annotations per image (default: ${DEFAULT-VALUE})")
    int perImage;

    @Option(names = "--dir", description = "work folder (default: a new temporary folder, deleted afterwards)")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("loupe-bench-import") : Files.createDirectories(dir);
        out.printf("Import benchmark: synthetic COCO, %d annotations per image, max heap %d MiB, %d cores%n",
                perImage, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        out.printf("%12s %8s %9s %10s %10s %12s %9s %11s %11s %9s%n", "annotations", "images", "json MiB",
                "scan s", "import s", "annot/s", "vs scan", "peak heap", "live heap", "db MiB");
        try {
            for (long n : sizes) {
                int images = (int) Math.max(1, (n + perImage - 1) / perImage);
                Path data = Files.createDirectories(work.resolve("n" + n));
                Path json = SyntheticCoco.write(data, images, n);
                double scan = scan(json);
                Path project = data.resolve("project");
                deleteTree(project);
                ImportResult result;
                long peak;
                long live;
                try (HeapSampler heap = new HeapSampler()) {
                    result = ProjectStore.create(project, new ImportSource("coco", data.resolve("images"), json.toString(),
                            Map.of()), sink -> new CocoImporter(json, data.resolve("images")).read(sink));
                    peak = heap.peakUsed();
                    live = heap.maxLiveAfterGc();
                }
                if (result.annotations() != n || result.issueCount() != 0) {
                    throw new IllegalStateException("benchmark import is wrong: " + result);
                }
                out.printf("%12d %8d %9.1f %10.2f %10.2f %12.0f %8.1fx %8d MiB %8d MiB %9.1f%n", n, images,
                        Files.size(json) / 1048576.0, scan, result.seconds(), n / result.seconds(),
                        result.seconds() / scan, peak >> 20, live >> 20,
                        Files.size(project.resolve(ProjectStore.DATABASE_FILE)) / 1048576.0);
                out.flush();
            }
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
        out.println("vs scan = import time / time of a bare Jackson token scan of the same file (same run).");
        out.println("live heap = largest heap in use right after a garbage collection during the import.");
        return 0;
    }

    /** Seconds to read every token of the file: the JSON floor. */
    private static double scan(Path json) throws IOException {
        long start = System.nanoTime();
        long tokens = 0;
        try (JsonParser p = Json.FACTORY.createParser(json.toFile())) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        if (tokens == 0) {
            throw new IllegalStateException("empty file");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
