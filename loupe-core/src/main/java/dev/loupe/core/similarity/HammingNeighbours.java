package dev.loupe.core.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Exact nearest-neighbour distances and close pairs among 64-bit hashes, by multi-index hashing
 * (Norouzi, Punjani and Fleet, "Fast search in Hamming space with multi-index hashing", CVPR 2012).
 * Each hash is cut into four 16-bit blocks and each block indexes the hashes by its value. Two hashes
 * at Hamming distance d differ in at most floor(d / 4) bits on at least one block (pigeonhole), so
 * probing, on every block, the values within r bits of the query's finds every hash within 4r + 3
 * bits. A query whose next radius would cost more than comparing it with every hash does that
 * instead, so no query costs more than the all-pairs scan it replaces. Queries run on all cores.
 *
 * <p>Both answers equal the all-pairs scan's: the tests compare them on clustered and uniform hashes.
 */
public final class HammingNeighbours {
    private static final int BLOCKS = 4;
    private static final int BLOCK_BITS = 16;
    private static final int VALUES = 1 << BLOCK_BITS;
    /** The 16-bit masks by their number of set bits. */
    private static final int[][] MASKS_BY_WEIGHT = masksByWeight();

    private final long[] hashes;
    /** Per block: where each block value's hashes start in {@link #members} (VALUES + 1 offsets). */
    private final int[][] starts = new int[BLOCKS][];
    /** Per block: the hash indexes ordered by that block's value. */
    private final int[][] members = new int[BLOCKS][];
    /** Per block: the hashes in {@link #members}' order, so that a bucket is read from contiguous memory. */
    private final long[][] ordered = new long[BLOCKS][];
    private final AtomicLong scans = new AtomicLong();

    public HammingNeighbours(long[] hashes) {
        this.hashes = hashes.clone();
        int n = hashes.length;
        for (int b = 0; b < BLOCKS; b++) {
            int[] start = new int[VALUES + 1];
            for (long h : hashes) {
                start[block(h, b) + 1]++;
            }
            for (int v = 0; v < VALUES; v++) {
                start[v + 1] += start[v];
            }
            int[] next = Arrays.copyOf(start, VALUES);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[next[block(hashes[i], b)]++] = i;
            }
            long[] values = new long[n];
            for (int k = 0; k < n; k++) {
                values[k] = hashes[order[k]];
            }
            starts[b] = start;
            members[b] = order;
            ordered[b] = values;
        }
    }

    /** Each hash's Hamming distance to the nearest other hash; {@code none} for a hash with no other. */
    public int[] nearest(int none) {
        int[] out = new int[hashes.length];
        IntStream.range(0, hashes.length).parallel().forEach(i -> out[i] = nearestOf(i, none));
        return out;
    }

    /**
     * Every pair (i, j), i &lt; j, of hashes at most {@code maxDistance} bits apart, ordered by i then
     * j (the all-pairs scan's order), with its distance. Only hashes whose {@code nearest} distance is
     * within {@code maxDistance} can have one; pass {@link #nearest}'s answer.
     */
    public List<CompleteLinkage.Link> pairsWithin(int maxDistance, int[] nearest) {
        int n = hashes.length;
        if (maxDistance < 0) {
            return List.of();
        }
        int[][] partners = new int[n][];
        IntStream.range(0, n).parallel().filter(i -> nearest[i] <= maxDistance)
                .forEach(i -> partners[i] = partnersAfter(i, maxDistance));
        List<CompleteLinkage.Link> links = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (partners[i] != null) {
                for (int j : partners[i]) {
                    links.add(new CompleteLinkage.Link(i, j, Long.bitCount(hashes[i] ^ hashes[j])));
                }
            }
        }
        return links;
    }

    /** Queries answered by comparing with every hash since this index was made (for tests). */
    long scans() {
        return scans.get();
    }

    private int nearestOf(int i, int none) {
        long h = hashes[i];
        int n = hashes.length;
        int best = Integer.MAX_VALUE;
        long cost = 0;
        search:
        for (int r = 0; r <= BLOCK_BITS; r++) {
            cost += radiusCost(r);
            if (cost > n) {
                scans.incrementAndGet();
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        best = Math.min(best, Long.bitCount(h ^ hashes[j]));
                    }
                }
                break;
            }
            for (int b = 0; b < BLOCKS; b++) {
                int q = block(h, b);
                int[] start = starts[b];
                int[] order = members[b];
                long[] values = ordered[b];
                for (int mask : MASKS_BY_WEIGHT[r]) {
                    int v = q ^ mask;
                    for (int k = start[v]; k < start[v + 1]; k++) {
                        int d = Long.bitCount(h ^ values[k]);
                        if (d < best && order[k] != i) {
                            best = d;
                        }
                    }
                }
                // A hash not seen yet differs in more than r bits on blocks 0..b and in more than
                // r - 1 on the others: it is at least BLOCKS * r + b + 1 bits away, no closer than best.
                if (best <= BLOCKS * r + b + 1) {
                    break search;
                }
            }
        }
        return best == Integer.MAX_VALUE ? none : best;
    }

    private int[] partnersAfter(int i, int maxDistance) {
        long h = hashes[i];
        int n = hashes.length;
        int radius = Math.min(BLOCK_BITS, Math.max(0, (maxDistance + 1 + BLOCKS - 1) / BLOCKS - 1));
        long cost = 0;
        for (int r = 0; r <= radius; r++) {
            cost += radiusCost(r);
        }
        int[] found = new int[8];
        int count = 0;
        if (cost > n) {
            scans.incrementAndGet();
            for (int j = i + 1; j < n; j++) {
                if (Long.bitCount(h ^ hashes[j]) <= maxDistance) {
                    found = grow(found, count);
                    found[count++] = j;
                }
            }
            return Arrays.copyOf(found, count);
        }
        for (int r = 0; r <= radius; r++) {
            for (int b = 0; b < BLOCKS; b++) {
                int q = block(h, b);
                int[] start = starts[b];
                int[] order = members[b];
                long[] values = ordered[b];
                for (int mask : MASKS_BY_WEIGHT[r]) {
                    int v = q ^ mask;
                    for (int k = start[v]; k < start[v + 1]; k++) {
                        int j = order[k];
                        if (Long.bitCount(h ^ values[k]) <= maxDistance && j > i) {
                            found = grow(found, count);
                            found[count++] = j;
                        }
                    }
                }
            }
        }
        // a partner close on several blocks was found once per block
        int[] sorted = Arrays.copyOf(found, count);
        Arrays.sort(sorted);
        return Arrays.stream(sorted).distinct().toArray();
    }

    /** Work of probing radius r on every block: the lookups and the hashes they are expected to hold. */
    private long radiusCost(int r) {
        long lookups = (long) BLOCKS * MASKS_BY_WEIGHT[r].length;
        return lookups + lookups * hashes.length / VALUES;
    }

    private static int[] grow(int[] a, int count) {
        return count < a.length ? a : Arrays.copyOf(a, 2 * a.length);
    }

    private static int block(long h, int b) {
        return (int) (h >>> (BLOCK_BITS * b)) & (VALUES - 1);
    }

    private static int[][] masksByWeight() {
        int[] counts = new int[BLOCK_BITS + 1];
        for (int v = 0; v < VALUES; v++) {
            counts[Integer.bitCount(v)]++;
        }
        int[][] out = new int[BLOCK_BITS + 1][];
        for (int w = 0; w <= BLOCK_BITS; w++) {
            out[w] = new int[counts[w]];
        }
        int[] filled = new int[BLOCK_BITS + 1];
        for (int v = 0; v < VALUES; v++) {
            int w = Integer.bitCount(v);
            out[w][filled[w]++] = v;
        }
        return out;
    }
}
