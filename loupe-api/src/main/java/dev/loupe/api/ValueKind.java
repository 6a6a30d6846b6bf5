package dev.loupe.api;

/** The kind of value a metric gives, which fixes how it is stored, plotted and checked. */
public enum ValueKind {
    /** A real number in [0, 1]. */
    UNIT_INTERVAL,
    /** A count or size: an integer >= 0. */
    NON_NEGATIVE_INTEGER,
    /** A real number >= 0. */
    NON_NEGATIVE_REAL,
    /** Any real number. */
    REAL,
    /** 0 or 1: a yes/no property. */
    FLAG,
    /** A position 1..N in an ordering: quartiles by count, never outliers. */
    RANK,
    /** A hex string (pixel or perceptual hash): grouped, never plotted. */
    HASH,
    /**
     * A number that names a group (a cluster id: equal values, same group). Stored and filterable
     * as a number, but its size means nothing: no quartiles, outliers, comparisons or importance.
     */
    IDENTIFIER,
    /**
     * A position along one axis of a map (a coordinate of the 2-D embedding map): stored, filterable
     * and plotted on the map, but on its own its size means nothing: no quartiles, outliers,
     * comparisons, importance or slices.
     */
    COORDINATE;

    /** Whether values are numbers (everything but {@link #HASH}). */
    public boolean numeric() {
        return this != HASH;
    }

    /** Whether the size of a value means something (numbers other than {@link #IDENTIFIER}s and {@link #COORDINATE}s). */
    public boolean quantity() {
        return numeric() && this != IDENTIFIER && this != COORDINATE;
    }
}
