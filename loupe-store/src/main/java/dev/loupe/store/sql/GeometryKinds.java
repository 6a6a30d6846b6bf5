package dev.loupe.store.sql;

/**
 * The geometry kind of a stored annotation or prediction, selected as a small code instead of its
 * name: reading a VARCHAR through JDBC decodes a new string for every row, and the evaluation reads
 * hundreds of thousands of rows.
 */
final class GeometryKinds {
    static final int BOX = 0;
    static final int POLYGON = 1;
    static final int MASK = 2;
    static final int LABEL = 3;
    /** The select expression of the code; a kind this code does not know reads as -1. */
    static final String CODE = "CASE kind WHEN 'box' THEN 0 WHEN 'polygon' THEN 1 WHEN 'mask' THEN 2 WHEN 'label' THEN 3 ELSE -1 END";

    private GeometryKinds() {
    }
}
