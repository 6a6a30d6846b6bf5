package dev.loupe.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.Scope;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.DatasetImporter;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.formats.yolo.YoloImporter;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * import -> export -> import gives the same images and annotations, for COCO, YOLO and VOC and every
 * shared dataset (bccd as VOC, voc100 as COCO, the Encord video frames as PNG masks, the Encord
 * classification photos as class folders). The expected labels are the source's as each format can
 * hold them (worked out here from the formats' rules, not by the exporter): what it cannot hold must
 * appear in the export's losses with its count.
 */
class RoundTripTest {
    @TempDir
    static Path dir;
    static final Map<String, Path> PROJECTS = new HashMap<>();

    @BeforeAll
    static void projects() {
        for (Datasets.Dataset d : Datasets.all()) {
            PROJECTS.put(d.name(), d.createProject(dir));
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Datasets.Dataset d : Datasets.all()) {
            for (ExportFormat f : List.of(ExportFormat.COCO, ExportFormat.YOLO, ExportFormat.VOC)) {
                out.add(Arguments.of(d.name(), f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cases")
    void importExportImportKeepsImagesAndAnnotations(String dataset, ExportFormat format) {
        Path project = PROJECTS.get(dataset);
        Path out = dir.resolve("out-" + dataset + "-" + format.id());
        List<ImageRecord> images;
        List<Category> categories;
        List<Annotation> annotations = new ArrayList<>();
        ExportResult result;
        try (ProjectStore store = ProjectStore.open(project)) {
            images = store.labels().images();
            categories = store.labels().categories();
            store.labels().forEachAnnotation(annotations::add);
            result = new Exporter(store, IssueRules.defaults()).run(new ExportRequest(format, ItemFilter.all(Scope.IMAGE), null,
                    ImageMode.COPY, null, out, false));
        }
        Datasets.Collected back = Datasets.Collected.read(reimporter(format, out));

        assertThat(result.images()).isEqualTo(images.size());
        assertThat(result.imageFiles()).isEqualTo(images.size());
        assertThat(imageKeys(back.images, format != ExportFormat.COCO)).isEqualTo(imageKeys(images, format != ExportFormat.COCO));
        Map<String, Long> expectedLosses = new TreeMap<>();
        Map<String, List<String>> expected = labels(images, categories, annotations, format, expectedLosses);
        assertThat(labels(back.images, back.categories, back.annotations, null, null)).isEqualTo(expected);
        long kept = expected.values().stream().mapToLong(List::size).sum();
        assertThat(back.annotations).hasSize((int) kept);
        assertThat(kept + expectedLosses.getOrDefault(VocWriter.IMAGE_LABELS, 0L) + expectedLosses.getOrDefault(YoloWriter.IMAGE_LABELS, 0L)
                + expectedLosses.getOrDefault(CocoWriter.IMAGE_LABELS, 0L)).isEqualTo(annotations.size()).isPositive();
        assertThat(back.issues).allMatch(i -> i.kind() == IssueKind.DEGENERATE_BOX, "only the source's own zero-size boxes");

        Map<String, Long> losses = new TreeMap<>();
        result.losses().forEach(l -> losses.put(l.what(), l.count()));
        expectedLosses.forEach((what, n) -> assertThat(losses).containsEntry(what, n));
        if (format == ExportFormat.COCO) {
            long withSplit = images.stream().filter(i -> i.split() != null).count();
            if (withSplit > 0) {
                assertThat(losses).containsEntry(Exporter.COCO_SPLITS, withSplit);
            }
        }
    }

    static DatasetImporter reimporter(ExportFormat f, Path out) {
        return switch (f) {
            case COCO -> new CocoImporter(out.resolve("annotations/instances.json"), out.resolve("images"));
            case YOLO -> new YoloImporter(out.resolve("labels"), out.resolve("images"), null);
            case VOC -> new VocImporter(out, out.resolve("JPEGImages"), null);
            default -> throw new IllegalArgumentException();
        };
    }

    static List<String> imageKeys(List<ImageRecord> images, boolean withSplit) {
        return images.stream().map(i -> i.path() + " " + i.width() + "x" + i.height() + (withSplit ? " " + i.split() : ""))
                .sorted().toList();
    }

    /**
     * Image path -> its labels as sorted text (class, kind, box, shape, flags), after what format f can
     * hold (null: as they are); what it cannot hold is counted into {@code losses} under the exporter's words.
     */
    static Map<String, List<String>> labels(List<ImageRecord> images, List<Category> categories, List<Annotation> annotations,
                                            ExportFormat f, Map<String, Long> losses) {
        Map<Long, String> paths = new HashMap<>();
        images.forEach(i -> paths.put(i.id(), i.path()));
        Map<Integer, String> names = new HashMap<>();
        categories.forEach(c -> names.put(c.id(), c.name()));
        Map<String, List<String>> out = new TreeMap<>();
        images.forEach(i -> out.put(i.path(), new ArrayList<>()));
        for (Annotation a : annotations) {
            Geometry g = a.geometry();
            boolean crowd = a.crowd();
            boolean difficult = a.difficult();
            if (f != null) {
                if (g instanceof Geometry.ImageLabel) {
                    count(losses, f == ExportFormat.COCO ? CocoWriter.IMAGE_LABELS
                            : f == ExportFormat.YOLO ? YoloWriter.IMAGE_LABELS : VocWriter.IMAGE_LABELS);
                    continue;
                }
                if (f == ExportFormat.YOLO && a.categoryId() == null) {
                    count(losses, YoloWriter.NO_CLASS);
                    continue;
                }
                boolean onePolygon = g instanceof Geometry.PolygonShape p && p.polygon().holes().isEmpty()
                        && (f == ExportFormat.COCO || p.polygon().rings().size() == 1);
                if (f != ExportFormat.COCO && !(g instanceof Geometry.BoxShape) && !(f == ExportFormat.YOLO && onePolygon)) {
                    count(losses, g instanceof Geometry.MaskShape ? (f == ExportFormat.YOLO ? YoloWriter.MASKS : VocWriter.MASKS)
                            : (f == ExportFormat.YOLO ? YoloWriter.POLYGONS : VocWriter.POLYGONS));
                    g = new Geometry.BoxShape(g.box());
                }
                crowd = crowd && f == ExportFormat.COCO;
                difficult = difficult && f == ExportFormat.VOC;
            }
            out.get(paths.get(a.imageId())).add(text(a.categoryId() == null ? "-" : names.get(a.categoryId()), g, crowd, difficult));
        }
        out.values().forEach(l -> l.sort(null));
        return out;
    }

    private static void count(Map<String, Long> losses, String what) {
        losses.merge(what, 1L, Long::sum);
    }

    static String text(String cls, Geometry g, boolean crowd, boolean difficult) {
        StringBuilder sb = new StringBuilder(cls).append(' ').append(g.kind());
        Box b = g.box();
        if (b != null) {
            sb.append(String.format(Locale.ROOT, " [%.3f %.3f %.3f %.3f]", b.x(), b.y(), b.w(), b.h()));
        }
        if (g instanceof Geometry.PolygonShape p) {
            for (Ring r : p.polygon().rings()) {
                sb.append(r.hole() ? " hole" : " ring");
                for (double v : r.xy()) {
                    sb.append(String.format(Locale.ROOT, " %.3f", v));
                }
            }
        }
        if (g instanceof Geometry.MaskShape m) {
            sb.append(' ').append(m.rle().height()).append('x').append(m.rle().width()).append(' ').append(RleCodec.toCocoString(m.rle()));
        }
        return sb.append(crowd ? " crowd" : "").append(difficult ? " difficult" : "").toString();
    }
}
