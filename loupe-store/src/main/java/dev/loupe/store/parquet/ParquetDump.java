package dev.loupe.store.parquet;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a Parquet dump or load moved.
 *
 * @param dir     the dump folder
 * @param rows    rows per table, in the order they were moved
 * @param seconds wall time
 */
public record ParquetDump(Path dir, Map<String, Long> rows, double seconds) {
    public ParquetDump {
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
    }

    /** Rows of one table (0 when it was not moved). */
    public long rows(String table) {
        return rows.getOrDefault(table, 0L);
    }
}
