package dev.loupe.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Encord Active's IQR verdict on one metric's values, the one place it is computed (the project's
 * statistics and every filtered distribution): moderate outliers lie outside [Q1 − 1.5·IQR,
 * Q3 + 1.5·IQR] but inside the severe fences [Q1 − 2.5·IQR, Q3 + 2.5·IQR]; severe ones outside
 * those. All null when the metric takes no outlier rule or has no values.
 */
public record IqrOutliers(Double lowerModerate, Double upperModerate, Double lowerSevere, Double upperSevere, Long moderate,
                   Long severe) {
    public static final IqrOutliers NONE = new IqrOutliers(null, null, null, null, null, null);

    /** Binds the parameters of the FROM/WHERE text from the given index on. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps, int first) throws SQLException;
    }

    /**
     * Counts the outliers of {@code column} over {@code fromWhere} ("FROM t" or "FROM t WHERE ...",
     * its parameters bound by {@code binder} after the four fences).
     */
    public static IqrOutliers count(Connection c, String column, String fromWhere, Double q1, Double q3, Binder binder)
            throws SQLException {
        if (q1 == null || q3 == null) {
            return NONE;
        }
        double iqr = q3 - q1;
        double lm = q1 - 1.5 * iqr;
        double um = q3 + 1.5 * iqr;
        double ls = q1 - 2.5 * iqr;
        double us = q3 + 2.5 * iqr;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FILTER (WHERE " + column + " < ? OR " + column
                + " > ?), count(*) FILTER (WHERE " + column + " < ? OR " + column + " > ?) " + fromWhere)) {
            ps.setDouble(1, lm);
            ps.setDouble(2, um);
            ps.setDouble(3, ls);
            ps.setDouble(4, us);
            binder.bind(ps, 5);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long severe = rs.getLong(2);
                return new IqrOutliers(lm, um, ls, us, rs.getLong(1) - severe, severe);
            }
        }
    }
}
