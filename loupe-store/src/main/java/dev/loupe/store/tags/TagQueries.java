package dev.loupe.store.tags;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.store.filter.FilterSql;
import dev.loupe.store.sql.MetricColumns;
import dev.loupe.store.sql.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Tags on images and annotations: add, remove, tag everything a filter selects, list. */
final class TagQueries {
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N} _.:\\-]{1,64}");
    private final Connection c;

    TagQueries(Connection c) {
        this.c = c;
    }

    /** Checks a tag name: 1 to 64 letters, digits, spaces, '_', '.', ':' or '-', not blank. */
    static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.isBlank()) {
            throw LoupeException.badInput("tag name must be 1 to 64 letters, digits, spaces, '_', '.', ':' or '-', got '"
                    + name + "'");
        }
        return name.strip();
    }

    /** Tags the given items (unknown ids are ignored); returns how many tags were new. */
    long add(String name, Scope scope, List<Long> ids) {
        String tag = checkName(name);
        if (ids.isEmpty()) {
            return 0;
        }
        String table = switch (scope) {
            case IMAGE -> "images";
            case ANNOTATION -> "annotations";
            case PREDICTION -> "predictions";
        };
        return update("INSERT OR IGNORE INTO tags (name, item_type, item_id, created_at) SELECT ?, ?, id, now() FROM " + table
                + " WHERE id IN " + FilterSql.placeholders(ids.size()), tag, MetricColumns.scopeName(scope), ids);
    }

    /** Removes a tag from the given items; returns how many were removed. */
    long remove(String name, Scope scope, List<Long> ids) {
        String tag = checkName(name);
        if (ids.isEmpty()) {
            return 0;
        }
        return update("DELETE FROM tags WHERE name = ? AND item_type = ? AND item_id IN " + FilterSql.placeholders(ids.size()),
                tag, MetricColumns.scopeName(scope), ids);
    }

    /** Tags every item the filter selects, in one statement; returns how many tags were new. */
    long tagMatching(String name, FilterSql f) {
        String tag = checkName(name);
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO tags (name, item_type, item_id, created_at) "
                + "SELECT ?, ?, " + f.key + ", now() FROM " + f.from + " WHERE " + f.where)) {
            ps.setString(1, tag);
            ps.setString(2, MetricColumns.scopeName(f.scope));
            f.bind(ps, 3);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreFailure.of("cannot write the tags", e, c);
        }
    }

    /** Every tag with its image and annotation counts, by name. */
    List<TagCount> list() {
        List<TagCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, count(*) FILTER (WHERE item_type = 'image'), "
                + "count(*) FILTER (WHERE item_type = 'annotation') FROM tags GROUP BY name ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new TagCount(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw StoreFailure.reading(e);
        }
        return out;
    }

    private long update(String sql, String tag, String itemType, List<Long> ids) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tag);
            ps.setString(2, itemType);
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(3 + i, ids.get(i));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreFailure.of("cannot write the tags", e, c);
        }
    }

}
