package dev.loupe.store.vectors;

import dev.loupe.core.LoupeException;
import dev.loupe.core.embed.EmbeddingModelInfo;
import dev.loupe.core.embed.EmbeddingStore;
import dev.loupe.core.embed.VectorKeys;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.pipeline.WorkPage;
import dev.loupe.store.sql.ModelQueries;
import dev.loupe.store.sql.Runs;
import dev.loupe.store.sql.StoreFailure;
import dev.loupe.store.sql.Transactions;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The embedding tables of a project (migration V004): vectors per model for images and objects,
 * coverage for resuming, the 2-D map. Every {@link #write} is one transaction. Methods are
 * synchronized: the embedding runner reads and writes from two threads.
 */
public final class EmbeddingTables implements EmbeddingStore {
    /** The metric id under which failures are recorded in metric_failures. */
    static final String FAILURE_METRIC = "embedding";
    private final DuckDBConnection c;
    private final ImageFolder imageFolder;

    public EmbeddingTables(DuckDBConnection c, Path imagesRoot) {
        this.c = c;
        this.imageFolder = new ImageFolder(imagesRoot);
    }

    @Override
    public synchronized Run begin(String modelName, int dimension, String description, Map<String, String> parameters) {
        try {
            c.setAutoCommit(false);
            Map<String, String> params = new LinkedHashMap<>(parameters);
            params.put("model", modelName);
            long runId = Runs.start(c, "embed", params);
            Integer id = modelId(modelName);
            if (id == null) {
                id = (int) count("SELECT coalesce(max(id), 0) + 1 FROM embedding_models");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO embedding_models (id, name, dimension, description, run_id) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setInt(1, id);
                    ps.setString(2, modelName);
                    ps.setInt(3, dimension);
                    ps.setString(4, description);
                    ps.setLong(5, runId);
                    ps.executeUpdate();
                }
            } else {
                int stored = (int) count("SELECT dimension FROM embedding_models WHERE id = " + id);
                if (stored != dimension) {
                    throw new LoupeException(LoupeException.Reason.STORE, "model " + modelName + " gave " + dimension
                            + "-d vectors but the project holds " + stored + "-d vectors of it");
                }
            }
            c.commit();
            return new Run(runId, id);
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    /** The id of a model name, or null. */
    synchronized Integer modelId(String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM embedding_models WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    @Override
    public synchronized long imageCount() {
        return count("SELECT count(*) FROM images");
    }

    @Override
    public synchronized WorkPage<Task> nextChunk(int modelId, long afterImageId, int limit) {
        try {
            List<ImageRecord> images = new ArrayList<>(limit);
            Map<Long, Boolean> done = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.path, i.width, i.height, i.format, i.split, i.file_size, "
                    + "i.source_id, c.image_id IS NOT NULL FROM images i LEFT JOIN embedding_coverage c ON c.image_id = i.id "
                    + "AND c.model_id = ? WHERE i.id > ? ORDER BY i.id LIMIT ?")) {
                ps.setInt(1, modelId);
                ps.setLong(2, afterImageId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ImageRecord r = new ImageRecord(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                                (Integer) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8));
                        images.add(r);
                        done.put(r.id(), rs.getBoolean(9));
                    }
                }
            }
            if (images.isEmpty()) {
                return WorkPage.end(afterImageId);
            }
            long first = images.get(0).id();
            long last = images.get(images.size() - 1).id();
            Map<Long, List<Annotation>> annotations = ModelQueries.annotationsByImage(c, first, last);
            List<Task> work = new ArrayList<>();
            for (ImageRecord image : images) {
                if (!done.get(image.id())) {
                    work.add(new Task(image, imageFolder, annotations.getOrDefault(image.id(), List.of())));
                }
            }
            return new WorkPage<>(work, last, images.size());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized void write(Run run, List<Result> results) {
        try {
            Transactions.open(c); // else the appenders below would each commit on their own
        } catch (SQLException e) {
            throw failure(e);
        }
        try (DuckDBAppender images = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "image_embeddings");
             DuckDBAppender objects = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "annotation_embeddings");
             DuckDBAppender coverage = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "embedding_coverage");
             DuckDBAppender failures = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "metric_failures")) {
            for (Result r : results) {
                if (r.imageVector() != null) {
                    images.beginRow().append(run.modelId()).append(r.imageId()).append(r.imageVector()).endRow();
                }
                for (ObjectVector o : r.objects()) {
                    objects.beginRow().append(run.modelId()).append(o.annotationId()).append(o.vector()).endRow();
                }
                coverage.beginRow().append(run.modelId()).append(r.imageId()).endRow();
                for (Failure f : r.failures()) {
                    failures.beginRow().append(run.runId()).append(FAILURE_METRIC).append(f.itemType()).append(f.itemId())
                            .append(f.message()).endRow();
                }
            }
            images.flush();
            objects.flush();
            coverage.flush();
            failures.flush();
            c.commit();
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    @Override
    public synchronized void finish(long runId, String status, String message) {
        try {
            Transactions.rollbackQuietly(c);
            Runs.finish(c, runId, status, message);
            c.commit();
            c.setAutoCommit(true);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The project_meta key of {@link #spaceFingerprint}: one for the project, as the embedding metrics are. */
    private static final String SPACE_KEY = "embedding_analysis"; // the stored key keeps its first name

    @Override
    public synchronized String spaceFingerprint() {
        return ModelQueries.meta(c, SPACE_KEY);
    }

    @Override
    public synchronized void recordSpace(String fingerprint) {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO project_meta (key, value) VALUES (?, ?)")) {
            ps.setString(1, SPACE_KEY);
            ps.setString(2, fingerprint);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Every model with its vector counts, in id order. */
    public synchronized List<EmbeddingModelInfo> models() {
        List<EmbeddingModelInfo> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT m.id, m.name, m.dimension, m.description, "
                + "(SELECT count(*) FROM image_embeddings e WHERE e.model_id = m.id), "
                + "(SELECT count(*) FROM annotation_embeddings e WHERE e.model_id = m.id) + (SELECT count(*) FROM annotations a "
                + "JOIN image_embeddings e ON e.image_id = a.image_id WHERE e.model_id = m.id AND a.kind = 'label') "
                + "FROM embedding_models m ORDER BY m.id")) {
            while (rs.next()) {
                out.add(new EmbeddingModelInfo(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getLong(5), rs.getLong(6)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** The image vectors of a model. */
    public synchronized VectorSet imageVectors(int modelId) {
        return vectors("SELECT image_id, image_id, -1, vector FROM image_embeddings WHERE model_id = ? ORDER BY image_id", modelId);
    }

    /**
     * The object vectors of a model, with each object's image and class (-1 when none): the crop
     * vectors of boxes, polygons and masks, and for an image-level label (a classification dataset)
     * the vector of its image, which is what that label describes. So label agreement and
     * look-alikes work the same for both kinds of dataset.
     */
    public synchronized VectorSet objectVectors(int modelId) {
        return vectors("SELECT e.annotation_id, a.image_id, coalesce(a.category_id, -1), e.vector FROM annotation_embeddings e "
                + "JOIN annotations a ON a.id = e.annotation_id WHERE e.model_id = ? "
                + "UNION ALL SELECT a.id, a.image_id, coalesce(a.category_id, -1), e.vector FROM annotations a "
                + "JOIN image_embeddings e ON e.image_id = a.image_id WHERE e.model_id = ? AND a.kind = 'label' ORDER BY 1",
                modelId, modelId);
    }

    /** The ids of a model's image vectors (and their images and classes), without reading the vectors. */
    public synchronized VectorKeys imageVectorKeys(int modelId) {
        return vectors("SELECT image_id, image_id, -1, NULL FROM image_embeddings WHERE model_id = ? ORDER BY image_id", modelId).keys();
    }

    /** The ids of a model's object vectors, as {@link #objectVectors} orders them, without reading the vectors. */
    public synchronized VectorKeys objectVectorKeys(int modelId) {
        return vectors("SELECT e.annotation_id, a.image_id, coalesce(a.category_id, -1), NULL FROM annotation_embeddings e "
                + "JOIN annotations a ON a.id = e.annotation_id WHERE e.model_id = ? "
                + "UNION ALL SELECT a.id, a.image_id, coalesce(a.category_id, -1), NULL FROM annotations a "
                + "JOIN image_embeddings e ON e.image_id = a.image_id WHERE e.model_id = ? AND a.kind = 'label' ORDER BY 1",
                modelId, modelId).keys();
    }

    /**
     * Hands a model's image vectors (or object vectors: {@code objects}) to {@code rows} one at a
     * time, in {@link #imageVectors}' or {@link #objectVectors}' order, without holding them all.
     */
    public synchronized void scanVectors(int modelId, boolean objects, java.util.function.Consumer<float[]> rows) {
        String sql = objects ? "SELECT e.annotation_id, a.image_id, coalesce(a.category_id, -1), e.vector FROM annotation_embeddings e "
                + "JOIN annotations a ON a.id = e.annotation_id WHERE e.model_id = ? "
                + "UNION ALL SELECT a.id, a.image_id, coalesce(a.category_id, -1), e.vector FROM annotations a "
                + "JOIN image_embeddings e ON e.image_id = a.image_id WHERE e.model_id = ? AND a.kind = 'label' ORDER BY 1" : "SELECT image_id, image_id, -1, vector FROM image_embeddings WHERE model_id = ? ORDER BY image_id";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, modelId);
            if (objects) {
                ps.setInt(2, modelId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.accept(floats(rs.getArray(4)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** One image's stored vector of a model, or null when it has none. */
    public synchronized float[] imageVector(int modelId, long imageId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT vector FROM image_embeddings WHERE model_id = ? AND image_id = ?")) {
            ps.setInt(1, modelId);
            ps.setLong(2, imageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getArray(1) != null ? floats(rs.getArray(1)) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Rows of (id, image id, class id, vector or NULL); a NULL vector is read as an empty one. */
    private VectorSet vectors(String sql, int... modelIds) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < modelIds.length; i++) {
                ps.setInt(i + 1, modelIds[i]);
            }
            List<long[]> keys = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
                    java.sql.Array a = rs.getArray(4);
                    vectors.add(a == null ? new float[0] : floats(a));
                }
            }
            int n = keys.size();
            long[] ids = new long[n];
            long[] imageIds = new long[n];
            int[] classIds = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = keys.get(i)[0];
                imageIds[i] = keys.get(i)[1];
                classIds[i] = (int) keys.get(i)[2];
            }
            return new VectorSet(ids, imageIds, classIds, vectors.toArray(new float[0][]));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static float[] floats(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] v = new float[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) values[i]).floatValue();
        }
        return v;
    }

    @Override
    public synchronized void writeMap(int modelId, String itemType, long[] ids, double[] x, double[] y, String method) {
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM embedding_map WHERE model_id = ? AND item_type = ?")) {
                ps.setInt(1, modelId);
                ps.setString(2, itemType);
                ps.executeUpdate();
            }
            try (DuckDBAppender a = c.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "embedding_map")) {
                for (int i = 0; i < ids.length; i++) {
                    a.beginRow().append(modelId).append(itemType).append(ids[i]).append(x[i]).append(y[i]).append(method).endRow();
                }
            }
            c.commit();
            c.setAutoCommit(auto);
        } catch (SQLException e) {
            Transactions.rollbackQuietly(c);
            throw failure(e);
        }
    }

    /** Writes item keys and vectors of a model to a Parquet file; returns the row count. */
    public synchronized long export(int modelId, String itemType, Path file) {
        String select = itemType.equals("image")
                ? "SELECT e.image_id, i.path, e.vector FROM image_embeddings e JOIN images i ON i.id = e.image_id "
                  + "WHERE e.model_id = " + modelId + " ORDER BY e.image_id"
                : "SELECT e.annotation_id, a.image_id, i.path, k.name AS class, a.x, a.y, a.w, a.h, e.vector "
                  + "FROM annotation_embeddings e JOIN annotations a ON a.id = e.annotation_id JOIN images i ON i.id = a.image_id "
                  + "LEFT JOIN categories k ON k.id = a.category_id WHERE e.model_id = " + modelId + " ORDER BY e.annotation_id";
        // COPY takes no parameter: the model id is an int, the path a quoted SQL string literal.
        String target = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO " + target + " (FORMAT parquet)");
            return count("SELECT count(*) FROM " + (itemType.equals("image") ? "image" : "annotation")
                    + "_embeddings WHERE model_id = " + modelId);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private long count(String sql) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private LoupeException failure(SQLException e) {
        return StoreFailure.of("embedding store", e, c);
    }
}
