package dev.loupe.knn;

import java.util.SplittableRandom;

/**
 * The centres of an {@link IvfIndex}'s lists found in two levels, so that building costs about
 * n × (G + P × L / G) × d multiply-adds instead of n × L × d: spherical k-means splits a sample into
 * G = sqrt(L) groups, then each group's sample rows into lists (as many as its share of the sample);
 * a row is compared with the G group centres, then with the lists of its {@link #PROBED_GROUPS}
 * nearest groups, and goes to the most similar of those.
 */
final class TwoLevelLists {
    /** Groups whose lists a row is compared with. */
    static final int PROBED_GROUPS = 3;

    final int d;
    final int lists;
    private final Centroids groups;
    private final int[] groupStart;
    private final Centroids[] groupLists;
    /** The list centres, row-major, group after group. */
    final float[] centres;

    private TwoLevelLists(int d, Centroids groups, int[] groupStart, float[] centres) {
        this.d = d;
        this.groups = groups;
        this.groupStart = groupStart;
        this.centres = centres;
        this.lists = groupStart[groupStart.length - 1];
        groupLists = new Centroids[groups.count];
        for (int g = 0; g < groups.count; g++) {
            int from = groupStart[g];
            groupLists[g] = new Centroids(java.util.Arrays.copyOfRange(centres, from * d, groupStart[g + 1] * d), groupStart[g + 1] - from, d);
        }
    }

    /** About {@code lists} centres trained on the rows {@code sample} (shuffled, distinct). */
    static TwoLevelLists train(SphericalKMeans.Rows rows, int[] sample, int d, int lists, int iterations, int threads, long seed) {
        int m = sample.length;
        int g = Math.max(1, Math.min(m, (int) Math.round(Math.sqrt(lists))));
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
        private final float[] fine;
        private final TopK near = new TopK(Math.min(PROBED_GROUPS, groups.count));

        Scratch() {
            int most = 0;
            for (Centroids c : groupLists) {
                most = Math.max(most, c.count);
            }
            fine = new float[most];
        }
    }

    /** The lists of rows {@code a} and {@code b}, into {@code out[0]} and {@code out[1]}. */
    void assign(float[] a, float[] b, Scratch s, int[] out) {
        groups.similarities(a, b, s.sa, s.sb);
        out[0] = nearest(a, s.sa, s);
        out[1] = nearest(b, s.sb, s);
    }

    private int nearest(float[] v, float[] groupSims, Scratch s) {
        for (int g = 0; g < groups.count; g++) {
            if (groupLists[g].count > 0) {
                s.near.offer(g, groupSims[g]);
            }
        }
        int best = -1;
        float bestSim = Float.NEGATIVE_INFINITY;
        for (int g : s.near.drain().rows()) {
            Centroids c = groupLists[g];
            c.similarities(v, s.fine);
            int j = Centroids.argmax(s.fine, c.count);
            int list = groupStart[g] + j;
            if (s.fine[j] > bestSim || (s.fine[j] == bestSim && list < best)) {
                best = list;
                bestSim = s.fine[j];
            }
        }
        return best;
    }
}
