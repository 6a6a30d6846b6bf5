package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.eval.voc.VocClassResult;
import dev.loupe.eval.voc.VocEvaluator;
import dev.loupe.eval.voc.VocGroundTruth;
import dev.loupe.eval.voc.VocParams;
import java.nio.file.Path;
import java.util.List;
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
}
