package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.eval.voc.VocClassResult;
import dev.loupe.eval.voc.VocEvaluator;
import dev.loupe.eval.voc.VocGroundTruth;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import dev.loupe.eval.voc.VocParams;
import dev.loupe.eval.voc.VocResult;
import dev.loupe.formats.voc.VocImporter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * VOC AP on the real voc100 set (COCO ground truth, 452 detections). The expected values come from
 * a separate plain-Python implementation ({@code src/test/python/voc_eval_reference.py}) of the devkit's voc_eval algorithm (same conventions:
 * continuous coordinates, IoU &gt;= 0.5, ties in input order), run on the same two files; they
 * guard the Java code against regressions on real data, not against a shared misreading.
 */
class VocOnVoc100Test {
    private static final Path VOC100 = Path.of(System.getProperty("loupe.shared", "/work/shared"), "data", "voc100");

    @Test
    void mapMatchesTheIndependentComputation(@TempDir Path empty) throws Exception {
        CocoReference data = new CocoReference(VOC100.resolve("gts/coco_format_v1/instances_default.json"), empty);
        List<VocGroundTruth> gts = data.groundTruths(IouType.BBOX).stream()
                .map(g -> new VocGroundTruth(g.id(), g.imageId(), g.categoryId(), g.box(), false)).toList();
        List<Detection> dts = data.detections(VOC100.resolve("coco_dets_from_abs_xywh.json"), IouType.BBOX);
        assertThat(gts).hasSize(273);
        assertThat(dts).hasSize(452);
        var allPoint = VocEvaluator.evaluate(gts, dts, VocParams.voc2012());
        var eleven = VocEvaluator.evaluate(gts, dts, VocParams.voc2007());
        assertThat(allPoint.classes()).hasSize(20);
        assertThat(allPoint.map()).isCloseTo(0.610912907479439, within(1e-12));
        assertThat(eleven.map()).isCloseTo(0.6041264369310234, within(1e-12));
        VocClassResult first = allPoint.classes().get(0);
        assertThat(first.ap()).isCloseTo(0.38435020866053227, within(1e-12));
        assertThat(eleven.classes().get(0).ap()).isCloseTo(0.40053618670812985, within(1e-12));
    }

    /**
     * The same detections against the VOC XML import, whose 38 objects marked difficult VOC AP
     * ignores, through {@link DetectionEvaluation#voc}. Expected values: the same Python script given
     * the XML folder ({@code voc_eval_reference.py 0 GT DETS XMLDIR}), which reads the flags itself.
     */
    @Test
    void difficultObjectsOfTheVocImportAreIgnored(@TempDir Path empty) throws Exception {
        CocoReference coco = new CocoReference(VOC100.resolve("gts/coco_format_v1/instances_default.json"), empty);
        List<Detection> dts = coco.detections(VOC100.resolve("coco_dets_from_abs_xywh.json"), IouType.BBOX);
        ImportedDataset voc = ImportedDataset.read(
                new VocImporter(VOC100.resolve("gts/pascalvoc_format"), VOC100.resolve("images"), null));
        assertThat(voc.issues()).isEmpty();
        List<ImageRecord> images = voc.images();
        List<Category> categories = voc.categories();
        List<Annotation> annotations = voc.annotations();
        assertThat(annotations).hasSize(273);
        assertThat(annotations.stream().filter(Annotation::difficult)).hasSize(38);
        // The detections name COCO's image and class ids: map them through file and class names.
        Map<Long, Long> imageOf = new HashMap<>();
        for (ImageRecord c : coco.images) {
            ImageRecord v = images.stream().filter(i -> i.path().equals(c.path())).findFirst().orElseThrow();
            imageOf.put(c.id(), v.id());
        }
        Map<Integer, Integer> classOf = new HashMap<>();
        for (Category c : coco.categories) {
            classOf.put(c.id(), categories.stream().filter(k -> k.name().equals(c.name())).findFirst().orElseThrow().id());
        }
        DetectionEvaluation ev = DetectionEvaluation.run(images, categories, annotations::forEach,
                List.of(sink -> dts.forEach(d -> sink.accept(new Prediction(d.id(), imageOf.get(d.imageId()),
                        classOf.get(d.categoryId()), new Geometry.BoxShape(d.box()), d.score(), null, null)))),
                IouType.BBOX);
        assertThat(ev.difficult()).hasSize(38);
        VocResult allPoint = ev.voc(VocParams.voc2012());
        assertThat(allPoint.map()).isCloseTo(0.6138747922842811, within(1e-12));
        assertThat(ev.voc(VocParams.voc2007()).map()).isCloseTo(0.6075105147322853, within(1e-12));
        VocClassResult person = allPoint.classes().stream()
                .filter(c -> c.categoryId() == classOf.get(1)).findFirst().orElseThrow();
        assertThat(coco.categories.get(0).name()).isEqualTo("person");
        assertThat(person.ap()).isCloseTo(0.37064526285144844, within(1e-12));
        assertThat(allPoint.classes().stream().mapToInt(VocClassResult::ignored).sum()).isPositive();
    }
}
