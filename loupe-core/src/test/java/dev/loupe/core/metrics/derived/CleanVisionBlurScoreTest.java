package dev.loupe.core.metrics.derived;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.DatasetMetric;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CleanVisionBlurScoreTest {
    @Test
    void combinesEdgeAndContrastScoresAsCleanVisionDoes() {
        // blurriness 33 (a flat 64x48 grey image, per CleanVision's FIND_EDGES border copy), std 0:
        // 1 - exp(-0.33) = 0.28108..., s = 0 -> flagged (< 0.29).
        assertThat(CleanVisionBlurScore.score(33, 0)).isCloseTo(1 - Math.exp(-0.33), within(1e-15));
        // std 10: s = 1 - exp(-0.1) = 0.0952 <= 0.18 -> ignored.
        assertThat(CleanVisionBlurScore.score(33, 10)).isCloseTo(1 - Math.exp(-0.33), within(1e-15));
        // std 30: s = 1 - exp(-0.3) = 0.2592 > 0.18 -> added.
        assertThat(CleanVisionBlurScore.score(33, 30)).isCloseTo(2 - Math.exp(-0.33) - Math.exp(-0.3), within(1e-15));
        // Capped at 1.
        assertThat(CleanVisionBlurScore.score(500, 500)).isEqualTo(1.0);
    }

    @Test
    void scoresOnlyItemsWithBothInputs() {
        Map<DatasetMetric.DatasetItem, Object[]> items = new LinkedHashMap<>();
        items.put(new DatasetMetric.DatasetItem(1, 1, null), new Object[] {33.0, 0.0});
        items.put(new DatasetMetric.DatasetItem(2, 2, null), new Object[] {null, 0.0});
        Map<Long, Double> out = new HashMap<>();
        DatasetMetric.run(new CleanVisionBlurScore().start(), items::forEach, out::put);
        assertThat(out).containsOnlyKeys(1L);
        assertThat(out.get(1L)).isCloseTo(1 - Math.exp(-0.33), within(1e-15));
    }
}
