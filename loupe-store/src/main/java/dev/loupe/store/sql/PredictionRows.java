package dev.loupe.store.sql;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.Prediction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads stored predictions back as core's {@link Prediction}s (the metric pass and the outcome matcher read them by image). */
public final class PredictionRows {
    private PredictionRows() {
    }

    public static final String PREDICTION_SELECT = "SELECT id, image_id, category_id, " + GeometryKinds.CODE + ", x, y, w, h, "
            + "polygon, rle, rle_height, rle_width, score, area, source_id FROM predictions";
    /**
     * {@link #PREDICTION_SELECT} with every source id read as null: each VARCHAR read through JDBC is
     * decoded into a new string, and for the evaluation's 500 000 boxes the source ids were most of the read.
     */
    public static final String PREDICTION_SELECT_WITHOUT_SOURCE_IDS = PREDICTION_SELECT.replace(", source_id FROM",
            ", NULL AS source_id FROM");

    public static Map<Long, List<Prediction>> byImage(Connection c, int setId, long firstImage, long lastImage) throws SQLException {
        Map<Long, List<Prediction>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PREDICTION_SELECT
                + " WHERE set_id = ? AND image_id BETWEEN ? AND ? ORDER BY image_id, id")) {
            ps.setInt(1, setId);
            ps.setLong(2, firstImage);
            ps.setLong(3, lastImage);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Prediction p = prediction(rs);
                    out.computeIfAbsent(p.imageId(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        return out;
    }

    public static Prediction prediction(ResultSet rs) throws SQLException {
        Box box = new Box(rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8));
        Geometry g = switch (rs.getInt(4)) {
            case GeometryKinds.BOX -> new Geometry.BoxShape(box);
            case GeometryKinds.POLYGON -> new Geometry.PolygonShape(box, GeometryText.parsePolygon(rs.getString(9)));
            case GeometryKinds.MASK -> new Geometry.MaskShape(box, RleCodec.fromCocoString(rs.getString(10), rs.getInt(11), rs.getInt(12)));
            default -> throw new IllegalStateException("unknown prediction geometry kind in store (prediction " + rs.getLong(1) + ")");
        };
        return new Prediction(rs.getLong(1), rs.getLong(2), rs.getInt(3), g, rs.getDouble(13), (Double) rs.getObject(14),
                rs.getString(15));
    }
}
