package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official pycocotools test vector (first 100 val2014 images, fake box and mask results):
 * all 24 statistics match pycocotools' full-precision values from shared/reference/README.md
 * (required to 1e-6; they match to the last bit).
 */
class CocoReferenceTest {
    /** pycocotools' stats for the fake box results (shared/reference/README.md). */
    static final double[] BBOX = {0.5045806987249628, 0.6969727247299577, 0.5729816669904824, 0.5856257209410443,
        0.5193996948036719, 0.5013978986347466, 0.38681277964578054, 0.5936795762842003, 0.595352982877607,
        0.6398109626113442, 0.5664205978994309, 0.5642905982905982};
    /** pycocotools' stats for the fake mask results. */
    static final double[] SEGM = {0.3195452758576433, 0.5622883972521636, 0.29892653412086784, 0.3873740315997838,
        0.31018272403369485, 0.3269339071005138, 0.2682297225711534, 0.41544868114906375, 0.4168394992198818,
        0.4694498622754236, 0.37675922666197265, 0.3814715099715099};

    @TempDir
    Path images;

    @Test
    void boxResultsReproducePycocotoolsStatistics() throws Exception {
        check(IouType.BBOX, CocoReference.BBOX_RESULTS, BBOX);
    }

    @Test
    void maskResultsReproducePycocotoolsStatistics() throws Exception {
        check(IouType.SEGM, CocoReference.SEGM_RESULTS, SEGM);
    }

    /** The 12 summary lines pycocotools printed for this type in val2014_fake_eval_res.txt. */
    private static String printed(IouType type) throws Exception {
        List<String> lines = Files.readAllLines(CocoReference.DIR.resolve("val2014_fake_eval_res.txt"));
        int header = lines.indexOf("type=" + type.name().toLowerCase(Locale.ROOT));
        return String.join("\n", lines.subList(header + 3, header + 15));
    }

    private void check(IouType type, Path results, double[] expected) throws Exception {
        CocoReference ref = new CocoReference(images);
        List<GroundTruth> gts = ref.groundTruths(type);
        List<Detection> dts = ref.detections(results, type);
        long start = System.nanoTime();
        EvalResult r = new CocoEvaluator().evaluate(ref.images, ref.categories, gts, dts, EvalParams.defaults(type));
        long millis = (System.nanoTime() - start) / 1_000_000;
        double[] stats = r.summary().toArray();
        double maxDev = 0;
        StringBuilder differing = new StringBuilder();
        for (int i = 0; i < stats.length; i++) {
            maxDev = Math.max(maxDev, Math.abs(stats[i] - expected[i]));
            if (stats[i] != expected[i]) {
                differing.append(" stat ").append(i).append(": ").append(stats[i]).append(" vs ").append(expected[i]);
            }
        }
        System.out.printf("%s: max |deviation| from pycocotools = %.3g%s; evaluate() took %d ms (%d gts, %d dts)%n%s%n",
                type, maxDev, differing, millis, gts.size(), dts.size(), r.summary().describe(r.params()));
        assertThat(r.images()).isEqualTo(100);
        assertThat(r.droppedDetections()).isZero();
        for (int i = 0; i < stats.length; i++) {
            assertThat(stats[i]).as("%s stat %d", type, i).isCloseTo(expected[i], within(1e-6));
        }
        // Same text up to spacing (today's pycocotools pads the title one column wider than this file).
        assertThat(r.summary().describe(r.params())).isEqualToNormalizingWhitespace(printed(type));
        // Stronger than required: numpy's arithmetic and summation order are reproduced exactly.
        assertThat(stats).as("%s statistics bit for bit", type).containsExactly(expected);
    }
}
