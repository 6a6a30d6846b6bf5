package dev.loupe.core.metrics.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.DatasetMetric.DatasetItem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatasetMetricsTest {
    /** Runs the metric as the runner does (observe every item, read them again if it asks, finish) and collects the values. */
    private static Map<Long, Double> run(DatasetMetric m, Map<DatasetItem, Object[]> items) {
        Map<Long, Double> out = new LinkedHashMap<>();
        DatasetMetric.run(m.start(), items::forEach, (id, v) -> {
            Double previous = out.put(id, v);
            assertThat(previous).as("item %d given twice", id).isNull();
        });
        return out;
    }

    private static DatasetItem ann(long id, Integer cls) {
        return new DatasetItem(id, 100 + id, cls);
    }

    private static DatasetItem img(long id) {
        return new DatasetItem(id, id, null);
    }

    @Test
    void classFrequencyIsTheShareOfAnnotationsWithAClass() {
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        items.put(ann(1, 3), new Object[0]);
        items.put(ann(2, 3), new Object[0]);
        items.put(ann(3, 3), new Object[0]);
        items.put(ann(4, 9), new Object[0]);
        items.put(ann(5, null), new Object[0]);
        Map<Long, Double> v = run(new ClassFrequency(), items);
        assertThat(v).containsOnlyKeys(1L, 2L, 3L, 4L);
        assertThat(v.get(1L)).isEqualTo(0.75);
        assertThat(v.get(4L)).isEqualTo(0.25);
        assertThat(new ClassFrequency().inputs()).isEmpty();
    }

    private static Object[] hu(double... v) {
        Object[] o = new Object[7];
        for (int k = 0; k < 7; k++) {
            o[k] = k < v.length ? v[k] : 1.5;
        }
        return o;
    }

    @Test
    void shapeAnomalyIsTheDistanceOfTheZScoredHuVectorToTheClassMean() {
        // Class 1: four objects at (−1, −2) and one at (−3, −6) in hu_1, hu_2; other moments constant.
        // Per moment the values are a,a,a,a,b: mean (4a+b)/5, population sd 2|a−b|/5, so the four get
        // z = ±1/2 and the odd one z = ±2 in each of the two moments.
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        for (long id = 1; id <= 4; id++) {
            items.put(ann(id, 1), hu(-1, -2));
        }
        items.put(ann(5, 1), hu(-3, -6));
        Map<Long, Double> v = run(new ShapeAnomaly(), items);
        assertThat(v.get(1L)).isCloseTo(Math.sqrt(0.5), within(1e-12));
        assertThat(v.get(5L)).isCloseTo(2 * Math.sqrt(2), within(1e-12));
    }

    @Test
    void shapeAnomalyNeedsFiveObjectsOfAClassAndAllSevenMoments() {
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        for (long id = 1; id <= 4; id++) {
            items.put(ann(id, 1), hu(-id));
        }
        // Class 2 has five objects with all moments, and one with a missing moment (not counted).
        for (long id = 10; id <= 14; id++) {
            items.put(ann(id, 2), hu(-id));
        }
        Object[] missing = hu(-1);
        missing[3] = null;
        items.put(ann(15, 2), missing);
        Object[] nan = hu(-1);
        nan[6] = Double.NaN;
        items.put(ann(16, 2), nan);
        items.put(ann(17, null), hu(-1));
        Map<Long, Double> v = run(new ShapeAnomaly(), items);
        assertThat(v).containsOnlyKeys(1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L, 14L);
        assertThat(v.get(1L)).isNaN();
        // hu_1 = −10..−14: mean −12, sd √2; the middle one is typical, the ends are √2 away.
        assertThat(v.get(12L)).isZero();
        assertThat(v.get(10L)).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(new ShapeAnomaly().inputs()).containsExactly("annotation.hu_1", "annotation.hu_2",
                "annotation.hu_3", "annotation.hu_4", "annotation.hu_5", "annotation.hu_6", "annotation.hu_7");
    }

    @Test
    void shapeAnomalyKeepsItsPrecisionOnAManyObjectClassWithATinySpread() {
        // 200 000 objects whose moments sit near -20 with a spread of 1e-4: a sum of squares minus
        // the squared sum would cancel to noise here. Reference: the two-pass mean and population sd.
        // Both round (the scores differ by about 1e-9); a cancelling sum would be off by far more than 1e-7.
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int n = 200_000;
        double[][] hu = new double[n][7];
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object[] inputs = new Object[7];
            for (int k = 0; k < 7; k++) {
                hu[i][k] = -20 - k + 1e-4 * r.nextGaussian();
                inputs[k] = hu[i][k];
            }
            items.put(ann(i + 1, 4), inputs);
        }
        double[] mean = new double[7];
        double[] sd = new double[7];
        for (int k = 0; k < 7; k++) {
            for (double[] h : hu) {
                mean[k] += h[k] / n;
            }
            double ss = 0;
            for (double[] h : hu) {
                ss += (h[k] - mean[k]) * (h[k] - mean[k]);
            }
            sd[k] = Math.sqrt(ss / n);
        }
        Map<Long, Double> v = run(new ShapeAnomaly(), items);
        assertThat(v).hasSize(n);
        for (int i = 0; i < n; i += 997) {
            double sum = 0;
            for (int k = 0; k < 7; k++) {
                double z = (hu[i][k] - mean[k]) / sd[k];
                sum += z * z;
            }
            assertThat(v.get(i + 1L)).as("object %d", i + 1).isCloseTo(Math.sqrt(sum), within(1e-7));
        }
    }

    @Test
    void duplicateGroupSizeCountsImagesWithTheSamePixelHash() {
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        items.put(img(1), new Object[] {"aa11"});
        items.put(img(2), new Object[] {"bb22"});
        items.put(img(3), new Object[] {"aa11"});
        items.put(img(4), new Object[] {"AA11"});
        items.put(img(5), new Object[] {null});
        Map<Long, Double> v = run(new DuplicateGroupSize(), items);
        assertThat(v).containsExactly(Map.entry(1L, 3.0), Map.entry(2L, 1.0), Map.entry(3L, 3.0), Map.entry(4L, 3.0));
        assertThat(new DuplicateGroupSize().inputs()).containsExactly("image.pixel_hash");
    }

    @Test
    void nearDuplicateDistanceIsTheHammingDistanceToTheNearestOtherHash() {
        // 0x00 vs 0x03: 2 bits; 0x00 vs 0xf0: 4 bits; 0x03 vs 0xf0: 6 bits.
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        items.put(img(1), new Object[] {"0000000000000000"});
        items.put(img(2), new Object[] {"0000000000000003"});
        items.put(img(3), new Object[] {"00000000000000f0"});
        items.put(img(4), new Object[] {"not hex"});
        items.put(img(5), new Object[] {null});
        items.put(img(6), new Object[] {"ffffffffffffffff"});
        Map<Long, Double> v = run(new NearDuplicateDistance(), items);
        assertThat(v).containsOnlyKeys(1L, 2L, 3L, 6L);
        assertThat(v.get(1L)).isEqualTo(2);
        assertThat(v.get(2L)).isEqualTo(2);
        assertThat(v.get(3L)).isEqualTo(4);
        // All 64 bits set vs 0xf0 (4 set): 60 bits differ; nearer than 0x03 (62) and 0x00 (64).
        assertThat(v.get(6L)).isEqualTo(60);
    }

    @Test
    void nearDuplicateDistanceOfALoneImageIs64() {
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        items.put(img(1), new Object[] {"c33081ee32bee633"});
        assertThat(run(new NearDuplicateDistance(), items)).containsExactly(Map.entry(1L, 64.0));
    }

    @Test
    void nearDuplicateDistanceFindsTheReferenceBccdPair() throws Exception {
        // The shared reference pHashes: BloodImage_00037 and _00038 are 4 bits apart, every other
        // BCCD image is at least 14 bits from its nearest neighbour.
        java.nio.file.Path csv = SharedData.root().resolve("reference/image-metrics/bccd_hashes.csv");
        java.util.List<String> lines = java.nio.file.Files.readAllLines(csv);
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        Map<Long, String> paths = new LinkedHashMap<>();
        String[] header = lines.get(0).split(",");
        int phash = java.util.Arrays.asList(header).indexOf("phash8");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            items.put(img(i), new Object[] {f[phash]});
            paths.put((long) i, f[0]);
        }
        Map<Long, Double> v = run(new NearDuplicateDistance(), items);
        assertThat(v).hasSize(364);
        v.forEach((id, d) -> {
            String p = paths.get(id);
            if (p.equals("BloodImage_00037.jpg") || p.equals("BloodImage_00038.jpg")) {
                assertThat(d).as(p).isEqualTo(4);
            } else {
                assertThat(d).as(p).isBetween(14.0, 22.0);
            }
        });
    }
}
