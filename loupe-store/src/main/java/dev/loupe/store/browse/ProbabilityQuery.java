package dev.loupe.store.browse;

import dev.loupe.core.LoupeException;
import dev.loupe.store.sql.SetKind;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One image's class probabilities in a classification set, for the detail view. */
final class ProbabilityQuery {
    private final Connection c;

    ProbabilityQuery(Connection c) {
        this.c = c;
    }

    /**
     * One image's class probabilities in a classification set, highest first (the lowest class id
     * first on ties, as the evaluation ranks them); empty when the set did not score the image.
     */
    List<SearchPage.ClassProbability> probabilities(String setName, long imageId) {
        List<SearchPage.ClassProbability> out = new ArrayList<>();
        try {
            int setId = classificationSet(setName);
            try (PreparedStatement ps = c.prepareStatement("SELECT k.name, cp.probability FROM class_probabilities cp JOIN "
                    + "categories k ON k.id = cp.category_id WHERE cp.set_id = ? AND cp.image_id = ? "
                    + "ORDER BY cp.probability DESC, cp.category_id")) {
                ps.setInt(1, setId);
                ps.setLong(2, imageId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SearchPage.ClassProbability(rs.getString(1), rs.getDouble(2)));
                    }
                }
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    /** The id of the classification set of this name; a BAD_INPUT error naming the sets there are, or its kind. */
    private int classificationSet(String name) throws SQLException {
        List<String> names = new ArrayList<>();
        Integer id = null;
        String kind = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, kind FROM prediction_sets ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(2));
                if (id == null && rs.getString(2).equals(name)) {
                    id = rs.getInt(1);
                    kind = rs.getString(3);
                }
            }
        }
        if (id == null) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "no prediction set named \"" + name + "\""
                    + (names.isEmpty() ? "; import one with 'loupe predictions import'" : "; the project has " + names));
        }
        if (!SetKind.CLASSIFICATION.equals(kind)) {
            throw LoupeException.badInput("prediction set '" + name + "' is a detection set; class "
                    + "probabilities need a classification set");
        }
        return id;
    }
}
