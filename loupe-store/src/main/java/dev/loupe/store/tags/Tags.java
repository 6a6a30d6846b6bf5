package dev.loupe.store.tags;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.filter.Filters;
import dev.loupe.store.filter.ItemFilter;
import java.sql.Connection;
import java.util.List;

/** The tags room: names users put on images, annotations and predictions. */
public final class Tags {
    private final Connection c;

    public Tags(Connection c) {
        this.c = c;
    }

    /** Tags items of a scope (unknown ids are ignored); returns the number of new tags. */
    public long add(String name, Scope scope, List<Long> ids) {
        return new TagQueries(c).add(name, scope, ids);
    }

    /** Removes a tag from items; returns the number removed. */
    public long remove(String name, Scope scope, List<Long> ids) {
        return new TagQueries(c).remove(name, scope, ids);
    }

    /** Tags every item a filter selects; returns the number of new tags. */
    public long addMatching(String name, ItemFilter filter, List<IssueRule> rules) {
        return new TagQueries(c).tagMatching(name, new Filters(c).compile(filter, rules));
    }

    /** Every tag with its counts. */
    public List<TagCount> list() {
        return new TagQueries(c).list();
    }
}
