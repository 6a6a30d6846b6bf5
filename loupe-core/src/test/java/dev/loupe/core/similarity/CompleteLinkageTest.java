package dev.loupe.core.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompleteLinkageTest {
    private static CompleteLinkage.Link link(int a, int b, double d) {
        return new CompleteLinkage.Link(a, b, d);
    }

    @Test
    void aChainOfLookAlikesIsNotOneGroup() {
        // 0-1 (0.1), 1-2 (0.2), 2-3 (0.1); 0-2, 1-3, 0-3 not linked. Single linkage would make one group of 4.
        // Complete linkage: 0-1 and 2-3 merge first (0.1 each); {0,1} and {2,3} cannot merge (0-2 absent).
        CompleteLinkage.Groups g = CompleteLinkage.of(5, List.of(link(0, 1, 0.1), link(1, 2, 0.2), link(2, 3, 0.1)));
        assertThat(g.root()).containsExactly(0, 0, 2, 2, 4);
        assertThat(g.size()).containsExactly(2, 2, 2, 2, 1);
        assertThat(g.grouped()).isEqualTo(4);
    }

    @Test
    void aGroupWhoseEveryPairIsLinkedStaysWhole() {
        // Triangle 3-5-7 all linked; 7-8 linked at 0.05 but 8 is not linked to 3 or 5.
        // Order: 7-8 (0.05) merges first, so {7,8} cannot join 3 or 5 (8-3, 8-5 absent); 3-5 (0.1) merge.
        List<CompleteLinkage.Link> links = List.of(link(3, 5, 0.1), link(5, 7, 0.2), link(3, 7, 0.3), link(7, 8, 0.05));
        CompleteLinkage.Groups g = CompleteLinkage.of(9, links);
        assertThat(g.root()[3]).isEqualTo(3);
        assertThat(g.root()[5]).isEqualTo(3);
        assertThat(g.root()[7]).isEqualTo(7);
        assertThat(g.root()[8]).isEqualTo(7);
        // Without the 7-8 link the triangle is one group: 3-5 (0.1) merge, then {3,5}-7 at max(0.3, 0.2) = 0.3.
        CompleteLinkage.Groups t = CompleteLinkage.of(9, links.subList(0, 3));
        assertThat(new int[] {t.root()[3], t.root()[5], t.root()[7]}).containsExactly(3, 3, 3);
        assertThat(t.size()[7]).isEqualTo(3);
    }

    @Test
    void aHugeComponentKeepsOnlyMutualNearestPairs() {
        // A path 0-1-2-...-n with distances rising along it: each row's nearest link is to its left neighbour
        // (row 0's to row 1), so mutual nearest pairs are (0,1) only, then (2,3)? Row 2's nearest is 1-2, row 1's is 0-1:
        // not mutual. Only (0,1) is mutual.
        int n = CompleteLinkage.MAX_COMPONENT + 10;
        List<CompleteLinkage.Link> links = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            links.add(link(i, i + 1, 0.001 * (i + 1)));
        }
        CompleteLinkage.Groups g = CompleteLinkage.of(n, links);
        assertThat(g.grouped()).isEqualTo(2);
        assertThat(g.size()[0]).isEqualTo(2);
        assertThat(g.size()[1]).isEqualTo(2);
    }

    @Test
    void aHugeComponentOfManyMutualPairsNeedsNoMatrixOverIt() {
        // A path of 60 000 rows whose links alternate 1, 2, 1, 2, ...: every (2k, 2k+1) link is both
        // ends' nearest, so 30 000 pairs; a matrix over the component would take 28.8 GB.
        int n = 60_000;
        List<CompleteLinkage.Link> links = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            links.add(link(i, i + 1, i % 2 == 0 ? 1 : 2));
        }
        CompleteLinkage.Groups g = CompleteLinkage.of(n, links);
        assertThat(g.grouped()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            assertThat(g.size()[i]).isEqualTo(2);
            assertThat(g.root()[i]).isEqualTo(i - i % 2);
        }
        // The same on a smaller path, against the matrix agglomeration of its mutual-nearest links.
        int small = CompleteLinkage.MAX_COMPONENT + 11;
        List<CompleteLinkage.Link> path = links.subList(0, small - 1);
        List<CompleteLinkage.Link> mutual = new ArrayList<>();
        for (int i = 0; i + 1 < small; i += 2) {
            mutual.add(path.get(i));
        }
        assertThat(CompleteLinkage.of(small, path).root()).isEqualTo(rootsByMatrixScan(small, mutual));
    }

    /** The textbook agglomeration: every step scans the whole matrix for its row-major first closest pair. */
    private static int[] rootsByMatrixScan(int n, List<CompleteLinkage.Link> links) {
        double[][] d = new double[n][n];
        for (double[] r : d) {
            java.util.Arrays.fill(r, Double.POSITIVE_INFINITY);
        }
        for (CompleteLinkage.Link l : links) {
            double v = Math.min(d[l.a()][l.b()], l.distance());
            d[l.a()][l.b()] = v;
            d[l.b()][l.a()] = v;
        }
        boolean[] alive = new boolean[n];
        java.util.Arrays.fill(alive, true);
        int[] owner = new int[n];
        for (int i = 0; i < n; i++) {
            owner[i] = i;
        }
        while (true) {
            int bi = -1;
            int bj = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (alive[i] && alive[j] && d[i][j] < best) {
                        best = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            for (int k = 0; k < n; k++) {
                if (alive[k] && k != bi && k != bj) {
                    d[bi][k] = Math.max(d[bi][k], d[bj][k]);
                    d[k][bi] = d[bi][k];
                }
            }
            alive[bj] = false;
            for (int k = 0; k < n; k++) {
                if (owner[k] == bj) {
                    owner[k] = bi;
                }
            }
        }
        int[] root = new int[n];
        int[] first = new int[n];
        java.util.Arrays.fill(first, -1);
        for (int k = 0; k < n; k++) {
            if (first[owner[k]] < 0) {
                first[owner[k]] = k;
            }
            root[k] = first[owner[k]];
        }
        return root;
    }

    @Test
    void mergesAsTheMatrixScanDoesTiesIncluded() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(150);
            List<CompleteLinkage.Link> links = new ArrayList<>();
            int count = rnd.nextInt(4 * n);
            for (int k = 0; k < count; k++) {
                int a = rnd.nextInt(n);
                int b = rnd.nextInt(n);
                if (a != b) {
                    // few distinct distances: ties everywhere, as with Hamming distances
                    links.add(new CompleteLinkage.Link(Math.min(a, b), Math.max(a, b), rnd.nextInt(4)));
                }
            }
            assertThat(CompleteLinkage.of(n, links).root()).as("trial %d, %d rows, %d links", trial, n, links.size())
                    .containsExactly(rootsByMatrixScan(n, links));
        }
    }
}
