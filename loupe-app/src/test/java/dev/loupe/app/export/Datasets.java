package dev.loupe.app.export;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.folders.ClassFolderImporter;
import dev.loupe.formats.masks.InstanceMaskImporter;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.store.ImportSource;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared datasets (../shared/data) as the importers read them, and an in-memory sink for re-imports. */
final class Datasets {
    static final Path DATA = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data");

    /** One shared dataset: its name, images folder and importer. */
    record Dataset(String name, Path images, DatasetImporter importer) {
        Path createProject(Path dir) {
            Path p = dir.resolve(name);
            ProjectStore.create(p, new ImportSource(importer.format(), images, null, Map.of()), importer::read);
            return p;
        }
    }

    static List<Dataset> all() {
        Path bccd = DATA.resolve("bccd/BCCD");
        Path voc100 = DATA.resolve("voc100");
        Path video = DATA.resolve("encord-examples/video_frames_boxes_masks");
        Path classification = DATA.resolve("encord-examples/classification");
        return List.of(
                new Dataset("bccd", bccd.resolve("JPEGImages"), new VocImporter(bccd, bccd.resolve("JPEGImages"), null)),
                new Dataset("voc100", voc100.resolve("images"),
                        new CocoImporter(voc100.resolve("gts/coco_format_v1/instances_default.json"), voc100.resolve("images"))),
                new Dataset("encord-masks", video.resolve("JPEGImages"), new InstanceMaskImporter(video.resolve("JPEGImages"), video.resolve("Annotations"))),
                new Dataset("encord-classification", classification, new ClassFolderImporter(classification)));
    }

    /** What an importer emitted, kept in memory. */
    static final class Collected implements DatasetSink {
        final List<Category> categories = new ArrayList<>();
        final List<ImageRecord> images = new ArrayList<>();
        final List<Annotation> annotations = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();

        static Collected read(DatasetImporter importer) {
            Collected c = new Collected();
            importer.read(c);
            return c;
        }

        @Override
        public void category(Category category) {
            categories.add(category);
        }

        @Override
        public void image(ImageRecord image) {
            images.add(image);
        }

        @Override
        public void annotation(Annotation annotation) {
            annotations.add(annotation);
        }

        @Override
        public void issue(Issue issue) {
            issues.add(issue);
        }
    }

    private Datasets() {
    }
}
