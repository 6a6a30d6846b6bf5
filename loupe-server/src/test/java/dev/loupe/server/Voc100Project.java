package dev.loupe.server;

import dev.loupe.core.metrics.MetricRegistry;
import dev.loupe.core.metrics.runner.MetricRunner;
import dev.loupe.core.metrics.runner.ProgressListener;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.IouType;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.ProjectCatalog;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The voc100 sample (100 VOC images, 273 objects, COCO labels) with its 452 detections imported as
 * the prediction set "det", through the same store calls as {@code loupe init} and
 * {@code loupe predictions import}, with a few metrics on the labels and the predictions.
 */
final class Voc100Project {
    static final Path VOC100 = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data/voc100");
    static final List<String> METRICS = List.of("image.brightness", "annotation.relative_area", "annotation.aspect_ratio",
            "annotation.border_proximity", "annotation.random");

    private Voc100Project() {
    }

    /** Creates the project under {@code dir}; returns its folder. */
    static Path create(Path dir) throws IOException {
        Path p = dir.resolve("voc100");
        Path images = VOC100.resolve("images");
        Path labels = VOC100.resolve("gts/coco_format_v1/instances_default.json");
        CocoImporter importer = new CocoImporter(labels, images);
        ProjectStore.create(p, new ImportSource(importer.format(), images, labels.toString(), Map.of()), importer::read);
        Path dets = VOC100.resolve("coco_dets_from_abs_xywh.json");
        try (ProjectStore store = ProjectStore.open(p)) {
            ProjectCatalog catalog = new ProjectCatalog(store.labels().images(), store.labels().categories());
            CocoResultsReader reader = new CocoResultsReader(dets);
            int setId = store.predictions().importSet("det", "coco", dets.toString(), Map.of("iou_type", "bbox"),
                    (firstId, sink) -> reader.read(catalog, firstId, sink), new CocoOutcomeMatcher(IouType.BBOX)).setId();
            MetricRegistry registry = MetricRegistry.load(Voc100Project.class.getClassLoader());
            new MetricRunner(store.metrics().analysis(), 2, ProgressListener.NONE).run(registry.select(METRICS), Map.of());
            new MetricRunner(store.metrics().predictionAnalysis(setId), 2, ProgressListener.NONE)
                    .run(registry.select(METRICS.subList(1, METRICS.size())), Map.of());
        }
        Files.createDirectories(p);
        return p;
    }
}
