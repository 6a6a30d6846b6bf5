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
        IqrOutliers fences = of(q1, q3, 0, 0);
        if (fences == NONE) {
            return NONE;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + outsideCounts(column, "?", "?", "?", "?") + " " + fromWhere)) {
            ps.setDouble(1, fences.lowerModerate);
            ps.setDouble(2, fences.upperModerate);
            ps.setDouble(3, fences.lowerSevere);
            ps.setDouble(4, fences.upperSevere);
            binder.bind(ps, 5);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return of(q1, q3, rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /**
     * Two aggregates over {@code x}: how many values lie outside the moderate fences and how many
     * outside the severe ones, the fences computed in SQL from expressions of the quartiles with the
     * same double operations as {@link #of}.
     */
    public static String outsideCounts(String x, String q1, String q3) {
        String iqr = "(" + q3 + " - " + q1 + ")";
        return outsideCounts(x, q1 + " - 1.5 * " + iqr, q3 + " + 1.5 * " + iqr, q1 + " - 2.5 * " + iqr, q3 + " + 2.5 * " + iqr);
    }

    private static String outsideCounts(String x, String lm, String um, String ls, String us) {
        return "count(*) FILTER (WHERE " + x + " < " + lm + " OR " + x + " > " + um + "), count(*) FILTER (WHERE " + x + " < " + ls
                + " OR " + x + " > " + us + ")";
    }

    /** The verdict from the quartiles and the counts of values outside the moderate and the severe fences. */
    public static IqrOutliers of(Double q1, Double q3, long outsideModerate, long outsideSevere) {
        if (q1 == null || q3 == null) {
            return NONE;
        }
        double iqr = q3 - q1;
        return new IqrOutliers(q1 - 1.5 * iqr, q3 + 1.5 * iqr, q1 - 2.5 * iqr, q3 + 2.5 * iqr, outsideModerate - outsideSevere,
                outsideSevere);
    }
}
