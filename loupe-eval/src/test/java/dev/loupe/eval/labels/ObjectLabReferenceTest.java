package dev.loupe.eval.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.eval.labels.ObjectLabImage.LabeledBox;
import dev.loupe.eval.labels.ObjectLabImage.PredictedBox;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.ProjectCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ObjectLab against cleanlab 2.9.0 on voc100 with its shared detections
 * (../shared/reference/cleanlab/detection): per-box, pooled and image scores to 1e-9, and the same
 * 13 images flagged. Inputs are arranged as the reference README says: class index = rank of the
 * COCO category id, predictions grouped class by class in file order.
 */
class ObjectLabReferenceTest {
    private static final Path SHARED = Path.of(System.getProperty("loupe.shared", "/work/shared"));
    private static final Path VOC100 = SHARED.resolve("data/voc100");
    private static final Path REF = SHARED.resolve("reference/cleanlab/detection");
    private static final double EPS = 1e-9;

    private static final List<String> FILES = new ArrayList<>();
    private static final List<ObjectLabImage> IMAGES = new ArrayList<>();
    private static final Map<String, List<Long>> ANNOTATION_IDS = new HashMap<>();
    private static ObjectLabResult result;

    @BeforeAll
    static void score(@TempDir Path empty) {
        List<ImageRecord> images = new ArrayList<>();
        List<Category> categories = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        new CocoImporter(VOC100.resolve("gts/coco_format_v1/instances_default.json"), empty).read(new DatasetSink() {
            @Override
            public void category(Category c) {
                categories.add(c);
            }

            @Override
            public void image(ImageRecord i) {
                images.add(i);
            }

            @Override
            public void annotation(Annotation a) {
                annotations.add(a);
            }

            @Override
            public void issue(Issue issue) {
                // missing image files: the declared sizes are enough here
            }
        });
        List<Prediction> predictions = new ArrayList<>();
        new CocoResultsReader(VOC100.resolve("coco_dets_from_abs_xywh.json")).read(new ProjectCatalog(images, categories), 1,
                new PredictionSink() {
                    @Override
                    public void prediction(Prediction p) {
                        predictions.add(p);
                    }

                    @Override
                    public void probability(long imageId, int categoryId, double probability) {
                        throw new IllegalStateException("not a classification file");
                    }

                    @Override
                    public void issue(Issue issue) {
                        throw new IllegalStateException(issue.describe());
                    }
                });
        List<Category> byCocoId = categories.stream()
                .sorted(Comparator.comparingInt(c -> Integer.parseInt(c.sourceId()))).toList();
        Map<Integer, Integer> classIndex = new HashMap<>();
        for (int k = 0; k < byCocoId.size(); k++) {
            classIndex.put(byCocoId.get(k).id(), k);
        }
        for (ImageRecord image : images.stream().sorted(Comparator.comparingLong(i -> Long.parseLong(i.sourceId()))).toList()) {
            List<Annotation> anns = annotations.stream().filter(a -> a.imageId() == image.id())
                    .sorted(Comparator.comparingLong(Annotation::id)).toList();
            List<LabeledBox> labels = anns.stream()
                    .map(a -> new LabeledBox(a.geometry().box(), classIndex.get(a.categoryId()))).toList();
            List<PredictedBox> preds = predictions.stream().filter(p -> p.imageId() == image.id())
                    .map(p -> new PredictedBox(p.geometry().box(), classIndex.get(p.categoryId()), p.score()))
                    .sorted(Comparator.comparingInt(PredictedBox::label)).toList(); // stable: file order within a class
            FILES.add(image.path());
            ANNOTATION_IDS.put(image.path(), anns.stream().map(a -> Long.parseLong(a.sourceId())).toList());
            IMAGES.add(new ObjectLabImage(labels, preds));
        }
        result = ObjectLab.score(IMAGES, ObjectLabParams.DEFAULTS);
    }

    @Test
    void imageScoresAndFlagsMatchCleanlab() throws Exception {
        List<String> lines = Files.readAllLines(REF.resolve("expected_image_scores.csv"));
        assertThat(lines).hasSize(IMAGES.size() + 1);
        int flagged = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int i = FILES.indexOf(f[1]);
            assertThat(i).as(f[1]).isNotNegative();
            ObjectLabResult.ImageScores s = result.images().get(i);
            assertThat(s.score()).as(f[1]).isCloseTo(Double.parseDouble(f[2]), within(EPS));
            assertThat(s.issue()).as(f[1]).isEqualTo(f[3].equals("1"));
            flagged += s.issue() ? 1 : 0;
        }
        assertThat(flagged).isEqualTo(13);
    }

    @Test
    void boxScoresMatchCleanlab() throws Exception {
        List<String> lines = Files.readAllLines(REF.resolve("expected_box_scores.csv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            ObjectLabResult.ImageScores s = result.images().get(FILES.indexOf(f[1]));
            int index = Integer.parseInt(f[3]);
            double[] scores = switch (f[2]) {
                case "badloc" -> s.badlyLocated();
                case "swap" -> s.swapped();
                case "overlooked" -> s.overlooked();
                default -> throw new IllegalArgumentException(f[2]);
            };
            if (!f[4].isEmpty()) {
                assertThat(ANNOTATION_IDS.get(f[1]).get(index)).isEqualTo(Long.parseLong(f[4]));
            }
            if (f[5].equals("nan")) {
                assertThat(scores[index]).as(line).isNaN();
            } else {
                assertThat(scores[index]).as(line).isCloseTo(Double.parseDouble(f[5]), within(EPS));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(273 + 273 + 452);
    }

    @Test
    void softminIsCloseToTheMinimumAtLowTemperatureAndOneWithoutScores() {
        assertThat(ObjectLab.softmin(new double[] {0.2, 0.9, Double.NaN}, 0.1)).isCloseTo(0.2006, within(1e-3));
        assertThat(ObjectLab.softmin(new double[] {Double.NaN}, 0.1)).isEqualTo(1.0);
    }
}
