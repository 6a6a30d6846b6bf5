package dev.loupe.core.similarity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups from candidate links by complete linkage: two groups merge only when every pair across them
 * is linked, closest (by their largest pairwise distance) first; pairs without a link are never in one
 * group. Unlike single linkage (connected components), this cannot chain a row of look-alikes
 * A ~ B ~ C ~ ... into one group whose ends look nothing alike.
 *
 * <p>Cost: components of the link graph are clustered one by one over an m × m matrix, each merge
 * choosing the closest pair from the rows' own closest partners (kept up to date) instead of a scan
 * of the matrix: O(m²) for a component of m rows when few rows' closest partner changes per merge,
 * O(m³) at worst, and the same merges as the scan, ties included. A component larger than {@link #MAX_COMPONENT} keeps only
 * its mutual-nearest links (each row the other's closest link), which leaves pairs.
 */
public final class CompleteLinkage {
    static final int MAX_COMPONENT = 400;

    /**
     * @param root group representative per row: the smallest row of its group
     * @param size group size per row (1 = no near duplicate)
     */
    public record Groups(int[] root, int[] size) {
        /** Rows in a group of two or more. */
        public int grouped() {
            return (int) Arrays.stream(size).filter(s -> s > 1).count();
        }
    }

    /** A candidate link between rows a and b at distance d (already within the threshold). */
    public record Link(int a, int b, double distance) {
    }

    private CompleteLinkage() {
    }

    public static Groups of(int n, List<Link> links) {
        int[] root = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = i;
        }
        int[] comp = components(n, links);
        Map<Integer, List<Link>> byComponent = new HashMap<>();
        for (Link l : links) {
            if (l.a() != l.b()) {
                byComponent.computeIfAbsent(comp[l.a()], k -> new ArrayList<>()).add(l);
            }
        }
        for (List<Link> ls : byComponent.values()) {
            cluster(ls, root);
        }
        int[] count = new int[n];
        for (int i = 0; i < n; i++) {
            count[root[i]]++;
        }
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            size[i] = count[root[i]];
        }
        return new Groups(root, size);
    }

    private static void cluster(List<Link> links, int[] root) {
        int[] rows = links.stream().flatMapToInt(l -> java.util.stream.IntStream.of(l.a(), l.b())).distinct().sorted().toArray();
        if (rows.length > MAX_COMPONENT) {
            // Each row is in at most one mutual-nearest link and no other link is kept, so each of
            // them is a group of two: no matrix over the component (one of 20 000 rows would be 3.2 GB).
            for (Link pair : mutualNearest(links)) {
                int first = Math.min(pair.a(), pair.b());
                root[pair.a()] = first;
                root[pair.b()] = first;
            }
            return;
        }
        int m = rows.length;
        Map<Integer, Integer> at = new HashMap<>();
        for (int i = 0; i < m; i++) {
            at.put(rows[i], i);
        }
        double[][] d = new double[m][m];
        for (double[] r : d) {
            Arrays.fill(r, Double.POSITIVE_INFINITY);
        }
        for (Link l : links) {
            int i = at.get(l.a());
            int j = at.get(l.b());
            double v = Math.min(d[i][j], l.distance());
            d[i][j] = v;
            d[j][i] = v;
        }
        boolean[] alive = new boolean[m];
        Arrays.fill(alive, true);
        int[] owner = new int[m];
        for (int i = 0; i < m; i++) {
            owner[i] = i;
        }
        // Each row's closest alive partner after it (the first on ties): the pair merged next is the
        // row-major first closest pair, found from these minima in O(m) instead of a scan of the matrix.
        double[] rowMin = new double[m];
        int[] rowArg = new int[m];
        for (int i = 0; i < m; i++) {
            rowMinimum(d, alive, i, rowMin, rowArg);
        }
        while (true) {
            int bi = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                if (alive[i] && rowMin[i] < best) {
                    best = rowMin[i];
                    bi = i;
                }
            }
            if (bi < 0) {
                break;
            }
            int bj = rowArg[bi];
            // Lance-Williams for complete linkage: the merged group's distance is the larger one (an absent link stays infinite).
            for (int k = 0; k < m; k++) {
                if (alive[k] && k != bi && k != bj) {
                    double v = Math.max(d[bi][k], d[bj][k]);
                    d[bi][k] = v;
                    d[k][bi] = v;
                }
            }
            alive[bj] = false;
            for (int k = 0; k < m; k++) {
                if (owner[k] == bj) {
                    owner[k] = bi;
                }
            }
            // Distances to bi only grew and bj is gone: only the rows whose closest was one of them change.
            for (int i = 0; i < m; i++) {
                if (alive[i] && (i == bi || rowArg[i] == bi || rowArg[i] == bj)) {
                    rowMinimum(d, alive, i, rowMin, rowArg);
                }
            }
        }
        // Rows are sorted, so the first row of a group is its smallest.
        int[] first = new int[m];
        Arrays.fill(first, -1);
        for (int k = 0; k < m; k++) {
            if (first[owner[k]] < 0) {
                first[owner[k]] = rows[k];
            }
            root[rows[k]] = first[owner[k]];
        }
    }

    /** Row i's smallest distance to an alive row after it, and that row (the first on ties; -1 when none). */
    private static void rowMinimum(double[][] d, boolean[] alive, int i, double[] rowMin, int[] rowArg) {
        double best = Double.POSITIVE_INFINITY;
        int arg = -1;
        for (int j = i + 1; j < d.length; j++) {
            if (alive[j] && d[i][j] < best) {
                best = d[i][j];
                arg = j;
            }
        }
        rowMin[i] = best;
        rowArg[i] = arg;
    }

    private static List<Link> mutualNearest(List<Link> links) {
        Map<Integer, Link> nearest = new HashMap<>();
        for (Link l : links) {
            nearest.merge(l.a(), l, (x, y) -> y.distance() < x.distance() ? y : x);
            nearest.merge(l.b(), l, (x, y) -> y.distance() < x.distance() ? y : x);
        }
        List<Link> out = new ArrayList<>();
        for (Link l : links) {
            if (nearest.get(l.a()) == l && nearest.get(l.b()) == l) {
                out.add(l);
            }
        }
        return out;
    }

    private static int[] components(int n, List<Link> links) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (Link l : links) {
            int a = find(parent, l.a());
            int b = find(parent, l.b());
            if (a != b) {
                parent[Math.max(a, b)] = Math.min(a, b);
            }
        }
        int[] comp = new int[n];
        for (int i = 0; i < n; i++) {
            comp[i] = find(parent, i);
        }
        return comp;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
