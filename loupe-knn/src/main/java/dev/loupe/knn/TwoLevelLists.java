package dev.loupe.knn;

import java.util.SplittableRandom;

/**
 * The centres of an {@link IvfIndex}'s lists found in two levels, so that building costs about
 * n × (G + P × L / G) × d multiply-adds instead of n × L × d: spherical k-means splits a sample into
 * G = 4 sqrt(L) groups, then each group's sample rows into lists (as many as its share of the sample);
 * a row is compared with the G group centres, then with the lists of its {@link #PROBED_GROUPS}
 * nearest groups, and goes to the most similar of those.
 */
final class TwoLevelLists {
    /**
     * Groups whose lists a row is compared with. With 4 sqrt(L) groups and 8 probed, recall@10 at
     * 10^6 × 1280-d (10^4 synthetic clusters) was 0.966, with sqrt(L) groups and 3 probed 0.909: a
     * group centre that averages hundreds of unrelated clusters hardly resembles any one of them, so
     * a row whose group is not probed lands in an arbitrary list.
     */
    static final int PROBED_GROUPS = 8;
    /** Groups: this many times sqrt(L) (about L / 4 at 10^6 rows), so that a group averages fewer clusters. */
    static final double GROUPS_PER_ROOT = 4;

    final int d;
    final int lists;
    private final Centroids groups;
    private final int[] groupStart;
    /** The list centres, row-major, group after group. */
    final float[] centres;

    private TwoLevelLists(int d, Centroids groups, int[] groupStart, float[] centres) {
        this.d = d;
        this.groups = groups;
        this.groupStart = groupStart;
        this.centres = centres;
        this.lists = groupStart[groupStart.length - 1];
    }

    /** About {@code lists} centres trained on the rows {@code sample} (shuffled, distinct). */
    static TwoLevelLists train(SphericalKMeans.Rows rows, int[] sample, int d, int lists, int iterations, int threads, long seed) {
        int m = sample.length;
        int g = Math.max(1, Math.min(Math.min(m, Math.max(1, lists / 2)), (int) Math.round(Math.sqrt(lists) * GROUPS_PER_ROOT)));
        int[] coarseSample = java.util.Arrays.copyOf(sample, Math.min(m, g * 256));
        Centroids groups = new Centroids(SphericalKMeans.train(rows, coarseSample, d, g, iterations, threads, seed), g, d);
        int[] group = new int[m];
        SphericalKMeans.assign(rows, sample, groups, threads, group);
        int[][] members = new int[g][];
        int[] sizes = new int[g];
        for (int x : group) {
            sizes[x]++;
        }
        for (int i = 0; i < g; i++) {
            members[i] = new int[sizes[i]];
            sizes[i] = 0;
        }
        for (int i = 0; i < m; i++) {
            members[group[i]][sizes[group[i]]++] = sample[i];
        }
        int[] start = new int[g + 1];
        float[][] parts = new float[g][];
        SplittableRandom r = new SplittableRandom(seed + 7);
        for (int i = 0; i < g; i++) {
            int want = members[i].length == 0 ? 0
                    : (int) Math.max(1, Math.min(members[i].length, Math.round((double) lists * members[i].length / m)));
            parts[i] = want == 0 ? new float[0] : SphericalKMeans.train(rows, members[i], d, want, iterations, threads, r.nextLong());
            start[i + 1] = start[i] + want;
        }
        float[] centres = new float[start[g] * d];
        for (int i = 0; i < g; i++) {
            System.arraycopy(parts[i], 0, centres, start[i] * d, parts[i].length);
        }
        return new TwoLevelLists(d, groups, start, centres);
    }

    /** One worker's buffers for {@link #assign}. */
    final class Scratch {
        private final float[] sa = new float[groups.count];
        private final float[] sb = new float[groups.count];
        private final TopK near = new TopK(Math.min(PROBED_GROUPS, groups.count));
        private int[][] probed = new int[0][];
        private int[][] members = new int[groups.count][];
        private final int[] memberCount = new int[groups.count];
        private float[][] block = new float[0][];
        private float[] bestSim = new float[0];
        private float[] first = new float[0];
        private float[] second = new float[0];

        void ensure(int rows) {
            if (probed.length < rows) {
                probed = new int[rows][];
                block = new float[d][rows];
                bestSim = new float[rows];
                first = new float[rows];
                second = new float[rows];
                for (int g = 0; g < groups.count; g++) {
                    members[g] = new int[rows];
                }
            }
        }
    }

    /**
     * The lists of {@code count} rows, into {@code out}: the group centres are compared with two
     * rows at a time; then, group by group, the rows that probe the group are stored dimension-major
     * and compared with the group's lists two lists at a time, loops across those rows that the JIT
     * vectorises (a group has too few lists for loops across them to pay).
     */
    void assign(float[][] rows, int count, Scratch s, int[] out) {
        s.ensure(count);
        java.util.Arrays.fill(s.memberCount, 0);
        for (int i = 0; i < count; i += 2) {
            int j = Math.min(i + 1, count - 1);
            groups.similarities(rows[i], rows[j], s.sa, s.sb);
            s.probed[i] = nearGroups(s.sa, s);
            s.probed[j] = nearGroups(s.sb, s);
        }
        for (int i = 0; i < count; i++) {
            for (int g : s.probed[i]) {
                s.members[g][s.memberCount[g]++] = i;
            }
            out[i] = -1;
            s.bestSim[i] = Float.NEGATIVE_INFINITY;
        }
        for (int g = 0; g < groups.count; g++) {
            int m = s.memberCount[g];
            if (m == 0) {
                continue;
            }
            int[] idx = s.members[g];
            for (int x = 0; x < m; x++) {
                float[] row = rows[idx[x]];
                for (int k = 0; k < d; k++) {
                    s.block[k][x] = row[k];
                }
            }
            for (int c = groupStart[g]; c < groupStart[g + 1]; c += 2) {
                int c2 = Math.min(c + 1, groupStart[g + 1] - 1);
                scores(c, c2, s.block, m, s.first, s.second);
                offer(c, s.first, idx, m, s, out);
                offer(c2, s.second, idx, m, s, out);
            }
        }
    }

    private int[] nearGroups(float[] sims, Scratch s) {
        for (int g = 0; g < groups.count; g++) {
            if (groupStart[g + 1] > groupStart[g]) {
                s.near.offer(g, sims[g]);
            }
        }
        return s.near.drain().rows();
    }

    /** Similarities of lists {@code c1} and {@code c2} to the m rows of a dimension-major block. */
    private void scores(int c1, int c2, float[][] block, int m, float[] first, float[] second) {
        java.util.Arrays.fill(first, 0, m, 0f);
        java.util.Arrays.fill(second, 0, m, 0f);
        int o1 = c1 * d;
        int o2 = c2 * d;
        for (int k = 0; k < d; k++) {
            float x = centres[o1 + k];
            float y = centres[o2 + k];
            float[] col = block[k];
            for (int j = 0; j < m; j++) {
                float v = col[j];
                first[j] += v * x;
                second[j] += v * y;
            }
        }
    }

    /** The list wins a row when it is more similar, or as similar and lower. */
    private static void offer(int list, float[] sims, int[] idx, int m, Scratch s, int[] out) {
        for (int x = 0; x < m; x++) {
            int i = idx[x];
            if (sims[x] > s.bestSim[i] || (sims[x] == s.bestSim[i] && list < out[i])) {
                s.bestSim[i] = sims[x];
                out[i] = list;
            }
        }
    }
}
