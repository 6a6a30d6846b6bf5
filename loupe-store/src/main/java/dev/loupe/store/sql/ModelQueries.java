package dev.loupe.store.sql;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the dataset model back from the store. */
public final class ModelQueries {
    private final Connection c;

    public ModelQueries(Connection c) {
        this.c = c;
    }

    public List<Category> categories() {
        List<Category> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, supercategory, source_id FROM categories ORDER BY id")) {
            while (rs.next()) {
                out.add(new Category(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    public List<ImageRecord> images() {
        List<ImageRecord> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, path, width, height, format, split, file_size, source_id FROM images ORDER BY id")) {
            while (rs.next()) {
                out.add(new ImageRecord(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3), (Integer) rs.getObject(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** The columns {@link #annotation} reads, in order. */
    public static final String ANNOTATION_SELECT = "SELECT id, image_id, category_id, " + GeometryKinds.CODE + ", x, y, w, h, "
            + "polygon, rle, rle_height, "
            + "rle_width, iscrowd, area, annotator, confidence, source_id, difficult FROM annotations";

    public void forEachAnnotation(Consumer<Annotation> consumer) {
        String sql = ANNOTATION_SELECT + " ORDER BY id";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                consumer.accept(annotation(rs));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The annotations of the images with ids in [first, last], by image, each list in id order. */
    public static Map<Long, List<Annotation>> annotationsByImage(Connection c, long first, long last) throws SQLException {
        Map<Long, List<Annotation>> out = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(ANNOTATION_SELECT + " WHERE image_id BETWEEN ? AND ? ORDER BY image_id, id")) {
            ps.setLong(1, first);
            ps.setLong(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Annotation a = annotation(rs);
                    out.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
                }
            }
        }
        return out;
    }

    public static Annotation annotation(ResultSet rs) throws SQLException {
        Box box = rs.getObject(5) == null ? null : new Box(rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8));
        Geometry g = switch (rs.getInt(4)) {
            case GeometryKinds.BOX -> new Geometry.BoxShape(box);
            case GeometryKinds.POLYGON -> new Geometry.PolygonShape(box, GeometryText.parsePolygon(rs.getString(9)));
            case GeometryKinds.MASK -> new Geometry.MaskShape(box, RleCodec.fromCocoString(rs.getString(10), rs.getInt(11), rs.getInt(12)));
            case GeometryKinds.LABEL -> new Geometry.ImageLabel();
            default -> throw new IllegalStateException("unknown geometry kind in store (annotation " + rs.getLong(1) + ")");
        };
        return new Annotation(rs.getLong(1), rs.getLong(2), (Integer) rs.getObject(3), g, rs.getBoolean(13),
                (Double) rs.getObject(14), rs.getString(15), (Double) rs.getObject(16), rs.getString(17), rs.getBoolean(18));
    }

    public static String meta(Connection c, String key) {
        try (PreparedStatement ps = c.prepareStatement("SELECT value FROM project_meta WHERE key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    public static LoupeException failure(SQLException e) {
        return StoreFailure.reading(e);
    }
}
