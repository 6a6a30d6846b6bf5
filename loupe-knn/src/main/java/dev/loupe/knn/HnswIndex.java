package dev.loupe.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * Hierarchical navigable small-world graph (Malkov and Yashunin, 2016, arXiv:1603.09320) for
 * approximate cosine k-NN: each row gets a random top layer (P(level >= l) = M^-l); it is linked
 * to M rows per layer (2M on layer 0), chosen with the paper's neighbour-selection heuristic (a
 * candidate is kept only when it is closer to the new row than to every neighbour already kept,
 * which keeps links between clusters); a full neighbour list drops its least similar link. A search descends greedily from the top
 * layer and runs a best-first search with a beam of {@code efSearch} rows on layer 0.
 * Inserts run on several threads, each row's links guarded by its own lock. Levels come from a
 * seeded generator, so the layer structure is reproducible (the links depend on insertion timing).
 */
public final class HnswIndex implements VectorIndex {

    /**
     * @param m              links per row and layer (2m on layer 0)
     * @param efConstruction beam width while inserting
     * @param efSearch       beam width while searching (at least k is used)
     * @param seed           for the random levels
     */
    public record Params(int m, int efConstruction, int efSearch, long seed) {
        public static final Params DEFAULT = new Params(16, 200, 128, 42);

        public Params {
            if (m < 2 || efConstruction < 1 || efSearch < 1) {
                throw new IllegalArgumentException("m >= 2, efConstruction >= 1 and efSearch >= 1 are required");
            }
        }
    }

    private final Vectors v;
    private final Params p;
    private final int[] levels;
    private final int[][][] links;
    private final int[][] counts;
    private final Object entryLock = new Object();
    private volatile int entry = -1;
    private volatile int top = -1;
    private final ThreadLocal<Visited> visited;

    private HnswIndex(Vectors v, Params p) {
        this.v = v;
        this.p = p;
        int n = v.size();
        levels = new int[n];
        links = new int[n][][];
        counts = new int[n][];
        SplittableRandom random = new SplittableRandom(p.seed());
        double ml = 1 / Math.log(p.m());
        for (int i = 0; i < n; i++) {
            int level = (int) Math.floor(-Math.log(1 - random.nextDouble()) * ml);
            levels[i] = Math.min(level, 16);
            links[i] = new int[levels[i] + 1][];
            counts[i] = new int[levels[i] + 1];
            for (int l = 0; l <= levels[i]; l++) {
                links[i][l] = new int[capacity(l)];
            }
        }
        visited = ThreadLocal.withInitial(() -> new Visited(n));
    }

    /** Builds the index over all rows on {@code threads} threads. */
    public static HnswIndex build(Vectors vectors, Params params, int threads) {
        HnswIndex h = new HnswIndex(vectors, params);
        int n = vectors.size();
        if (n == 0) {
            return h;
        }
        h.insert(0);
        AtomicInteger next = new AtomicInteger(1);
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                h.insert(i);
            }
        };
        List<Thread> pool = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            Thread th = new Thread(worker, "loupe-hnsw-build");
            th.setDaemon(true);
            th.start();
            pool.add(th);
        }
        worker.run();
        for (Thread th : pool) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("HNSW build interrupted", e);
            }
        }
        return h;
    }

    private int capacity(int level) {
        return level == 0 ? 2 * p.m() : p.m();
    }

    private void insert(int q) {
        float[] query = v.row(q);
        int level = levels[q];
        int ep;
        int currentTop;
        synchronized (entryLock) {
            if (entry < 0) {
                entry = q;
                top = level;
                return;
            }
            ep = entry;
            currentTop = top;
        }
        for (int l = currentTop; l > level; l--) {
            ep = greedy(query, ep, l);
        }
        for (int l = Math.min(level, currentTop); l >= 0; l--) {
            Neighbours found = searchLayer(query, ep, p.efConstruction(), l, null);
            int[] chosen = select(found.rows(), found.similarities(), p.m());
            synchronized (links[q]) {
                System.arraycopy(chosen, 0, links[q][l], 0, chosen.length);
                counts[q][l] = chosen.length;
            }
            for (int e : chosen) {
                connect(e, q, l);
            }
            ep = found.rows()[0];
        }
        if (level > currentTop) {
            synchronized (entryLock) {
                if (level > top) {
                    top = level;
                    entry = q;
                }
            }
        }
    }

    /**
     * Adds q to e's links on layer l. When e's list is full, q replaces e's least similar neighbour
     * if q is more similar (plain nearest-neighbour pruning: the heuristic here would cost a
     * quadratic number of distances per link and dominate the build).
     */
    private void connect(int e, int q, int l) {
        synchronized (links[e]) {
            int[] list = links[e][l];
            int c = counts[e][l];
            if (c < list.length) {
                list[c] = q;
                counts[e][l] = c + 1;
                return;
            }
            int worst = -1;
            float worstSim = v.dot(e, q);
            for (int i = 0; i < c; i++) {
                float s = v.dot(e, list[i]);
                if (s < worstSim) {
                    worstSim = s;
                    worst = i;
                }
            }
            if (worst >= 0) {
                list[worst] = q;
            }
        }
    }

    /** The neighbour-selection heuristic over candidates sorted by similarity to the new row, best first. */
    private int[] select(int[] rows, float[] sims, int m) {
        int[] kept = new int[Math.min(m, rows.length)];
        int n = 0;
        for (int i = 0; i < rows.length && n < kept.length; i++) {
            boolean good = true;
            for (int j = 0; j < n; j++) {
                if (v.dot(rows[i], kept[j]) > sims[i]) {
                    good = false;
                    break;
                }
            }
            if (good) {
                kept[n++] = rows[i];
            }
        }
        // Fill up with the nearest pruned candidates, so that sparse regions keep enough links.
        for (int i = 0; i < rows.length && n < kept.length; i++) {
            boolean present = false;
            for (int j = 0; j < n; j++) {
                present |= kept[j] == rows[i];
            }
            if (!present) {
                kept[n++] = rows[i];
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private int greedy(float[] q, int ep, int level) {
        int best = ep;
        float bestSim = v.dot(ep, q);
        boolean moved = true;
        while (moved) {
            moved = false;
            for (int e : neighbours(best, level)) {
                float s = v.dot(e, q);
                if (s > bestSim) {
                    bestSim = s;
                    best = e;
                    moved = true;
                }
            }
        }
        return best;
    }

    private int[] neighbours(int node, int level) {
        synchronized (links[node]) {
            return Arrays.copyOf(links[node][level], counts[node][level]);
        }
    }

    /** Best-first search on one layer: up to ef rows, most similar first (excluded rows are walked through, not returned). */
    private Neighbours searchLayer(float[] q, int ep, int ef, int level, IntPredicate exclude) {
        Visited seen = visited.get();
        seen.clear();
        TopK results = new TopK(ef);
        CandidateHeap candidates = new CandidateHeap();
        float s0 = v.dot(ep, q);
        seen.add(ep);
        candidates.push(ep, s0);
        if (exclude == null || !exclude.test(ep)) {
            results.offer(ep, s0);
        }
        while (candidates.size() > 0) {
            float cs = candidates.topSim();
            if (cs < results.threshold()) {
                break;
            }
            int c = candidates.pop();
            for (int e : neighbours(c, level)) {
                if (seen.add(e)) {
                    float s = v.dot(e, q);
                    if (s > results.threshold()) {
                        candidates.push(e, s);
                        if (exclude == null || !exclude.test(e)) {
                            results.offer(e, s);
                        }
                    }
                }
            }
        }
        return results.drain();
    }

    @Override
    public Neighbours search(float[] q, int k, IntPredicate exclude) {
        int ep = entry;
        if (ep < 0 || k <= 0) {
            return new Neighbours(new int[0], new float[0]);
        }
        for (int l = top; l > 0; l--) {
            ep = greedy(q, ep, l);
        }
        Neighbours all = searchLayer(q, ep, Math.max(p.efSearch(), k), 0, exclude);
        int n = Math.min(k, all.size());
        return new Neighbours(Arrays.copyOf(all.rows(), n), Arrays.copyOf(all.similarities(), n));
    }

    @Override
    public Vectors vectors() {
        return v;
    }

    @Override
    public long extraBytes() {
        long b = 4L * levels.length;
        for (int[][] node : links) {
            for (int[] l : node) {
                b += 16 + 4L * l.length;
            }
            b += 16 + 8L * node.length;
        }
        return b;
    }

    /** Visited marks by generation, so clearing is O(1). */
    private static final class Visited {
        private final int[] stamp;
        private int generation;

        Visited(int n) {
            stamp = new int[n];
        }

        void clear() {
            if (++generation == Integer.MAX_VALUE) {
                Arrays.fill(stamp, 0);
                generation = 1;
            }
        }

        boolean add(int i) {
            if (stamp[i] == generation) {
                return false;
            }
            stamp[i] = generation;
            return true;
        }
    }

    /** Max-heap of (similarity, row). */
    private static final class CandidateHeap {
        private float[] sims = new float[64];
        private int[] rows = new int[64];
        private int size;

        int size() {
            return size;
        }

        float topSim() {
            return sims[0];
        }

        void push(int row, float sim) {
            if (size == sims.length) {
                sims = Arrays.copyOf(sims, 2 * size);
                rows = Arrays.copyOf(rows, 2 * size);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (sims[parent] >= sim) {
                    break;
                }
                sims[i] = sims[parent];
                rows[i] = rows[parent];
                i = parent;
            }
            sims[i] = sim;
            rows[i] = row;
        }

        int pop() {
            int result = rows[0];
            size--;
            float sim = sims[size];
            int row = rows[size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int m = l + 1 < size && sims[l + 1] > sims[l] ? l + 1 : l;
                if (sims[m] <= sim) {
                    break;
                }
                sims[i] = sims[m];
                rows[i] = rows[m];
                i = m;
            }
            sims[i] = sim;
            rows[i] = row;
            return result;
        }
    }
}
