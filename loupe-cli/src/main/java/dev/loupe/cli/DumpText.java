package dev.loupe.cli;

import dev.loupe.store.parquet.ParquetDump;
import java.io.PrintWriter;
import java.util.Map;

/** The console lines of a Parquet dump or attach: rows per non-empty table. */
final class DumpText {
    private DumpText() {
    }

    static void print(PrintWriter out, String verb, ParquetDump dump) {
        long total = dump.rows().values().stream().mapToLong(Long::longValue).sum();
        out.printf("%s %s: %d rows in %d tables (%.1f s)%n", verb, dump.dir(), total, dump.rows().size(), dump.seconds());
        for (Map.Entry<String, Long> e : dump.rows().entrySet()) {
            if (e.getValue() > 0) {
                out.printf("  %-28s %d%n", e.getKey(), e.getValue());
            }
        }
    }
}
