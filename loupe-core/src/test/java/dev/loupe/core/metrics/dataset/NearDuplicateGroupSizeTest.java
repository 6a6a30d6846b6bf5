package dev.loupe.core.metrics.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.DatasetMetric;
import dev.loupe.api.DatasetMetric.DatasetItem;
import dev.loupe.core.similarity.DuplicateThreshold;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NearDuplicateGroupSizeTest {
    private static Map<Long, Double> run(Map<DatasetItem, Object[]> items) {
        DatasetMetric.Accumulator acc = new NearDuplicateGroupSize().start();
        items.forEach(acc::observe);
        Map<Long, Double> out = new LinkedHashMap<>();
        acc.finish(out::put);
        return out;
    }

    private static DatasetItem img(long id) {
        return new DatasetItem(id, id, null);
    }

    @Test
    void findsOnlyTheReferenceBccdPair() throws Exception {
        // The shared reference pHashes (imagehash): BloodImage_00037/_00038 are 4 bits apart, every other image 14-22 bits
        // from its nearest. Threshold: far below the median nearest distance, so only the pair is grouped.
        List<String> lines = Files.readAllLines(SharedData.root().resolve("reference/image-metrics/bccd_hashes.csv"));
        int phash = Arrays.asList(lines.get(0).split(",")).indexOf("phash8");
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        Map<Long, String> paths = new LinkedHashMap<>();
        double[] nearest = new double[lines.size() - 1];
        long[] hashes = new long[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            items.put(img(i), new Object[] {f[phash], 640.0, 480.0});
            paths.put((long) i, f[0]);
            hashes[i - 1] = Long.parseUnsignedLong(f[phash], 16);
        }
        Map<Long, Double> v = run(items);
        assertThat(v).hasSize(364);
        v.forEach((id, size) -> assertThat(size).as(paths.get(id)).isEqualTo(paths.get(id).matches("BloodImage_0003[78].jpg") ? 2 : 1));
        for (int i = 0; i < hashes.length; i++) {
            nearest[i] = 64;
            for (int j = 0; j < hashes.length; j++) {
                if (j != i) {
                    nearest[i] = Math.min(nearest[i], Long.bitCount(hashes[i] ^ hashes[j]));
                }
            }
        }
        // Median nearest distance 18 bits, robust spread 0.148 (log scale): threshold 19 e^(-3 · 0.148) - 1 = 11.2 bits,
        // between the pair (4) and every other image (14 or more).
        DuplicateThreshold t = NearDuplicateGroupSize.threshold(nearest);
        assertThat(t.median()).isCloseTo(18, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(t.threshold()).isBetween(4.0, 14.0);
    }

    @Test
    void smallImagesTakeNoPart() {
        Map<DatasetItem, Object[]> items = new LinkedHashMap<>();
        items.put(img(1), new Object[] {"00000000000000ff", 28.0, 28.0});
        items.put(img(2), new Object[] {"00000000000000ff", 28.0, 28.0});
        items.put(img(3), new Object[] {"00000000000000ff", 640.0, 63.0});
        items.put(img(4), new Object[] {"00000000000000ff", null, 480.0});
        assertThat(run(items)).isEmpty();
    }

    @Test
    void copiesAmongRandomHashesAreGroupedWithoutChaining() {
        // 200 random hashes (nearest distances around 20 bits, threshold about 13); 10 and 11 copy 0 with 1 and 2 bits
        // flipped, 12 copies 11 with 2 more flipped: 0, 10, 11, 12 are pairwise 1-5 bits apart, one group of four;
        // 13 flips 2 bits of 5 and 14 flips 2 other bits of 13 (4 from 5): a group of three.
        SplittableRandom r = new SplittableRandom(7);
        long[] h = new long[200];
        for (int i = 0; i < h.length; i++) {
            h[i] = r.nextLong();
        }
        h[10] = h[0] ^ 0x1L;
        h[11] = h[0] ^ 0x6L;
        h[12] = h[11] ^ 0x18L;
        h[13] = h[5] ^ 0x300L;
        h[14] = h[13] ^ 0xC00L;
        int[] size = NearDuplicateGroupSize.groups(h).size();
        for (int i = 0; i < h.length; i++) {
            int expected = i == 0 || i == 10 || i == 11 || i == 12 ? 4 : i == 5 || i == 13 || i == 14 ? 3 : 1;
            assertThat(size[i]).as("row %d", i).isEqualTo(expected);
        }
    }
}
