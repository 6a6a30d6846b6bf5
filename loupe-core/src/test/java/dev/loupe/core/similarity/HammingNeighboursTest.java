package dev.loupe.core.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HammingNeighboursTest {
    /** Uniform hashes, and clusters: a base and copies with 0 to 6 of its bits flipped. */
    private static long[] hashes(int n, boolean clustered, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            if (clustered && i > 0 && rnd.nextInt(3) > 0) {
                long h = out[rnd.nextInt(i)];
                int flips = rnd.nextInt(7);
                for (int f = 0; f < flips; f++) {
                    h ^= 1L << rnd.nextInt(64);
                }
                out[i] = h;
            } else {
                out[i] = rnd.nextLong();
            }
        }
        return out;
    }

    private static int[] nearestByScan(long[] h, int none) {
        int[] best = new int[h.length];
        for (int i = 0; i < h.length; i++) {
            int b = Integer.MAX_VALUE;
            for (int j = 0; j < h.length; j++) {
                if (j != i) {
                    b = Math.min(b, Long.bitCount(h[i] ^ h[j]));
                }
            }
            best[i] = b == Integer.MAX_VALUE ? none : b;
        }
        return best;
    }

    private static List<CompleteLinkage.Link> pairsByScan(long[] h, int max) {
        List<CompleteLinkage.Link> out = new ArrayList<>();
        for (int i = 0; i < h.length; i++) {
            for (int j = i + 1; j < h.length; j++) {
                int d = Long.bitCount(h[i] ^ h[j]);
                if (d <= max) {
                    out.add(new CompleteLinkage.Link(i, j, d));
                }
            }
        }
        return out;
    }

    @Test
    void nearestDistancesAndClosePairsEqualTheAllPairsScan() {
        for (boolean clustered : new boolean[] {true, false}) {
            for (int n : new int[] {0, 1, 2, 7, 300, 20_000}) {
                long[] h = hashes(n, clustered, 31L * n + (clustered ? 1 : 0));
                HammingNeighbours index = new HammingNeighbours(h);
                int[] nearest = index.nearest(64);
                assertThat(nearest).as("n=%d clustered=%s", n, clustered).containsExactly(nearestByScan(h, 64));
                List<CompleteLinkage.Link> within14 = pairsByScan(h, 14);
                for (int max : new int[] {-1, 0, 3, 4, 6, 8, 11, 14}) {
                    assertThat(index.pairsWithin(max, nearest)).as("n=%d clustered=%s max=%d", n, clustered, max)
                            .containsExactlyElementsOf(within14.stream().filter(l -> l.distance() <= max).toList());
                }
            }
        }
    }

    @Test
    void largeSetsAreSearchedThroughTheIndexSmallOnesScanned() {
        long[] big = hashes(60_000, true, 5);
        HammingNeighbours index = new HammingNeighbours(big);
        int[] nearest = index.nearest(64);
        assertThat(index.scans()).as("queries that fell back to a scan").isLessThan(big.length / 100);
        // every hash of a cluster copy is at most 6 bits from its base; spot-check against a scan
        SplittableRandom rnd = new SplittableRandom(9);
        for (int k = 0; k < 200; k++) {
            int i = rnd.nextInt(big.length);
            int best = Integer.MAX_VALUE;
            for (int j = 0; j < big.length; j++) {
                if (j != i) {
                    best = Math.min(best, Long.bitCount(big[i] ^ big[j]));
                }
            }
            assertThat(nearest[i]).as("hash %d", i).isEqualTo(best);
        }
        HammingNeighbours small = new HammingNeighbours(hashes(50, false, 6));
        small.nearest(64);
        assertThat(small.scans()).isEqualTo(50);
    }
}
