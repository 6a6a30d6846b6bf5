package dev.loupe.store.browse;

import dev.loupe.core.geometry.Polygon;
import dev.loupe.core.geometry.Ring;
import dev.loupe.core.geometry.RleCodec;
import dev.loupe.store.sql.GeometryText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads shapes and nullable numbers from result rows (the browse queries' shared columns). */
final class Rows {
    private Rows() {
    }

    /** The columns {@link #shape} reads, in order, from alias {@code a}. */
    static final String SHAPE_COLUMNS = "a.id, a.category_id, a.kind, a.x, a.y, a.w, a.h, a.polygon, a.rle, a.rle_height, a.rle_width";

    /** The columns {@link #shape} reads, in order, from prediction alias {@code p}. */
    static final String PREDICTION_SHAPE_COLUMNS = SHAPE_COLUMNS.replace("a.", "p.");

    /** Reads a {@link #SHAPE_COLUMNS} row. */
    static Shape shape(ResultSet rs) throws SQLException {
        String kind = rs.getString(3);
        double[] box = rs.getObject(4) == null ? null : new double[] {rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7)};
        List<double[]> rings = null;
        List<Boolean> holes = null;
        int[] counts = null;
        Integer mh = null;
        Integer mw = null;
        if ("polygon".equals(kind) && rs.getString(8) != null) {
            Polygon p = GeometryText.parsePolygon(rs.getString(8));
            rings = new ArrayList<>();
            holes = new ArrayList<>();
            for (Ring r : p.rings()) {
                rings.add(r.xy());
                holes.add(r.hole());
            }
        } else if ("mask".equals(kind) && rs.getString(9) != null) {
            mh = rs.getInt(10);
            mw = rs.getInt(11);
            counts = RleCodec.fromCocoString(rs.getString(9), mh, mw).counts();
        }
        return new Shape(rs.getLong(1), (Integer) rs.getObject(2), kind, box, rings, holes, counts, mh, mw);
    }

    static Double toDouble(Object o) {
        return o == null ? null : ((Number) o).doubleValue();
    }

    static Integer toInteger(Object o) {
        return o == null ? null : ((Number) o).intValue();
    }

    static Long toLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
