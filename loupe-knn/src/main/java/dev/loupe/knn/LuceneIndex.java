package dev.loupe.knn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * An HNSW index on disk through Apache Lucene 9.12: the graph and int7 scalar-quantised copies of
 * the vectors ({@code Lucene99HnswScalarQuantizedVectorsFormat}, M = 16, beam 200) next to the raw
 * float32 vectors, all memory-mapped, so the heap holds only the row map (8 bytes per vector). The
 * graph is searched with the quantised vectors; the candidates ({@link #OVERSAMPLE} × k, at least
 * {@link #MIN_FETCH}) are then
 * re-ranked by the exact dot product of the raw vectors, so similarities equal {@link ExactIndex}'s.
 * Built on several threads (one segment per indexing thread, then merged into one on the same
 * threads). One writer builds; any number of threads may search an opened index.
 */
public final class LuceneIndex implements VectorIndex, AutoCloseable {
    /** Graph candidates per wanted neighbour before the exact re-rank. */
    static final int OVERSAMPLE = 3;
    /** At least this many graph candidates (Lucene's beam is the number asked for; HnswIndex searches with 128). */
    static final int MIN_FETCH = 128;
    static final String FIELD = "v";
    static final String ROW = "row";
    static final String ROOT = "loupe.power_normalised";
    private static final int MAX_DIMENSIONS = 4096;

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final LeafReader leaf;
    private final int[] docToRow;
    private final int[] rowToDoc;
    private final int dimension;

    private LuceneIndex(Directory directory, DirectoryReader reader) throws IOException {
        this.directory = directory;
        this.reader = reader;
        if (reader.leaves().size() > 1) {
            throw new IOException("the index has " + reader.leaves().size() + " segments, expected one");
        }
        this.searcher = new IndexSearcher(reader);
        this.leaf = reader.leaves().isEmpty() ? null : reader.leaves().get(0).reader();
        int n = reader.maxDoc();
        docToRow = new int[n];
        rowToDoc = new int[n];
        Arrays.fill(rowToDoc, -1);
        int d = 0;
        if (leaf != null) {
            NumericDocValues rows = leaf.getNumericDocValues(ROW);
            FloatVectorValues values = leaf.getFloatVectorValues(FIELD);
            if (rows == null || values == null || values.size() != n) {
                throw new IOException("the index lacks its vector or row field");
            }
            d = values.dimension();
            for (int doc = rows.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = rows.nextDoc()) {
                int row = (int) rows.longValue();
                if (row < 0 || row >= n || rowToDoc[row] >= 0) {
                    throw new IOException("the index has a bad or repeated row number " + row);
                }
                docToRow[doc] = row;
                rowToDoc[row] = doc;
            }
        }
        this.dimension = d;
    }

    /**
     * Writes an index of {@code vectors} (unit length) into {@code folder}, which must not exist or
     * be empty, on {@code threads} threads; {@code userData} is kept with the commit ({@link #userData}).
     */
    public static void build(Vectors vectors, Path folder, int threads, java.util.Map<String, String> userData) throws IOException {
        build(sink -> {
            for (int i = 0; i < vectors.size(); i++) {
                sink.accept(vectors.row(i));
            }
        }, vectors.powerNormalised(), folder, threads, userData);
    }

    /**
     * Writes an index of the rows a source streams (so they need not all be in memory): the
     * caller's thread reads, {@code threads} threads index; {@code powerNormalised} says how the rows
     * were prepared, for {@link #query}.
     */
    public static void build(RowSource rows, boolean powerNormalised, Path folder, int threads,
                             java.util.Map<String, String> userData) throws IOException {
        Files.createDirectories(folder);
        int workers = Math.max(1, threads);
        ExecutorService mergeWorkers = Executors.newFixedThreadPool(workers, daemon("loupe-lucene-merge"));
        ExecutorService indexers = Executors.newFixedThreadPool(workers, daemon("loupe-lucene-index"));
        KnnVectorsFormat format = new Lucene99HnswScalarQuantizedVectorsFormat(16, 200, workers, 7, false, null,
                workers > 1 ? mergeWorkers : null) {
            @Override
            public int getMaxDimensions(String fieldName) {
                return MAX_DIMENSIONS;
            }
        };
        // No merges while indexing (each would rebuild a graph): the segments are merged once, at the end.
        LogDocMergePolicy once = new LogDocMergePolicy();
        once.setMergeFactor(10_000);
        IndexWriterConfig config = new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(bufferMb()).setMergePolicy(once).setUseCompoundFile(false).setCodec(new Lucene912Codec() {
                    @Override
                    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                        return format;
                    }
                });
        java.util.concurrent.BlockingQueue<Row> queue = new java.util.concurrent.ArrayBlockingQueue<>(1024);
        try (Directory dir = new MMapDirectory(folder); IndexWriter writer = new IndexWriter(dir, config)) {
            Future<?>[] jobs = new Future<?>[workers];
            for (int t = 0; t < workers; t++) {
                jobs[t] = indexers.submit(() -> {
                    for (Row r = queue.take(); r.vector() != null; r = queue.take()) {
                        Document doc = new Document();
                        doc.add(new KnnFloatVectorField(FIELD, r.vector(), VectorSimilarityFunction.DOT_PRODUCT));
                        doc.add(new NumericDocValuesField(ROW, r.row()));
                        writer.addDocument(doc);
                    }
                    return null;
                });
            }
            int[] next = {0};
            try {
                rows.forEach(v -> put(queue, new Row(next[0]++, v), jobs));
            } finally {
                for (int t = 0; t < workers; t++) {
                    put(queue, new Row(-1, null), jobs);
                }
            }
            for (Future<?> job : jobs) {
                job.get();
            }
            writer.forceMerge(1);
            java.util.Map<String, String> data = new java.util.HashMap<>(userData);
            data.put(ROOT, Boolean.toString(powerNormalised));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("index build interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } finally {
            indexers.shutdownNow();
            mergeWorkers.shutdownNow();
        }
    }

    private record Row(int row, float[] vector) {
    }

    /** An eighth of the heap for the segments being built (fewer segments, less to merge), from 64 MB to 1 GB. */
    private static double bufferMb() {
        return Math.max(64, Math.min(1024, Runtime.getRuntime().maxMemory() / 8 / (1 << 20)));
    }

    /** Queues a row, giving up when an indexing thread has failed (its failure is reported by the caller's get). */
    private static void put(java.util.concurrent.BlockingQueue<Row> queue, Row row, Future<?>[] jobs) {
        try {
            while (!queue.offer(row, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                for (Future<?> job : jobs) {
                    if (job.isDone()) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("index build interrupted", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Opens an index that {@link #build} wrote, memory-mapped. */
    public static LuceneIndex open(Path folder) throws IOException {
        Directory dir = new MMapDirectory(folder);
        try {
            return new LuceneIndex(dir, DirectoryReader.open(dir));
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    public int size() {
        return docToRow.length;
    }

    public int dimension() {
        return dimension;
    }

    /** The stored unit vector of a row. */
    public float[] row(int row) {
        try {
            FloatVectorValues values = leaf.getFloatVectorValues(FIELD);
            values.advance(rowToDoc[row]);
            return values.vectorValue().clone();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector " + row + " of the index", e);
        }
    }

    @Override
    public Neighbours search(float[] q, int k, IntPredicate exclude) {
        if (k <= 0 || size() == 0) {
            return new Neighbours(new int[0], new float[0]);
        }
        try {
            for (int fetch = Math.min(size(), Math.max(MIN_FETCH, OVERSAMPLE * k)); ; fetch = Math.min(size(), 4 * fetch)) {
                Neighbours found = rerank(searcher.search(new KnnFloatVectorQuery(FIELD, q, fetch), fetch), q, k, exclude);
                if (found.size() == k || fetch == size()) {
                    return found;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the vector index", e);
        }
    }

    /** The graph's candidates by exact dot product of the raw vectors (read in doc order), excluded rows dropped. */
    private Neighbours rerank(TopDocs top, float[] q, int k, IntPredicate exclude) throws IOException {
        int[] docs = Arrays.stream(top.scoreDocs).mapToInt(s -> s.doc).sorted().toArray();
        TopK best = new TopK(k);
        FloatVectorValues values = leaf.getFloatVectorValues(FIELD);
        for (int doc : docs) {
            int row = docToRow[doc];
            if (exclude != null && exclude.test(row)) {
                continue;
            }
            values.advance(doc);
            best.offer(row, dot(values.vectorValue(), q));
        }
        return best.drain();
    }

    /** The same summation order as {@link Vectors#dot(int, float[])}, so re-ranked similarities equal exact search's. */
    private static float dot(float[] x, float[] y) {
        return Vectors.dot(x, 0, y, 0, x.length);
    }

    /**
     * The stored vectors copied to the heap (n × d × 4 bytes, which searching does not need; a
     * stored item's query is {@link #vector}).
     */
    @Override
    public Vectors vectors() {
        float[] data = new float[size() * dimension];
        for (int i = 0; i < size(); i++) {
            System.arraycopy(row(i), 0, data, i * dimension, dimension);
        }
        return Vectors.of(data, size(), dimension, powerNormalised());
    }

    @Override
    public float[] vector(int row) {
        return row(row);
    }

    /** What {@link #build} was given to keep with the index (e.g. which vectors it holds). */
    public java.util.Map<String, String> userData() {
        try {
            return reader.getIndexCommit().getUserData();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index's commit data", e);
        }
    }

    /** Whether the indexed vectors were square-rooted before normalising ({@link Vectors#forSimilarity}). */
    public boolean powerNormalised() {
        return "true".equals(userData().get(ROOT));
    }

    @Override
    public float[] query(float[] raw) {
        return Vectors.prepare(raw, dimension, powerNormalised());
    }

    @Override
    public long extraBytes() {
        return 8L * docToRow.length;
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
