package dev.loupe.app.export;

import dev.loupe.app.BadRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What {@code loupe export} writes: a label format (with its prediction flavour) or a table of every metric. */
public enum ExportFormat {
    /** COCO instances JSON; predictions as a COCO results list. */
    COCO,
    /** YOLO txt per image with data.yaml; predictions as YOLO txt with a confidence column. */
    YOLO,
    /** Pascal VOC XML per image with ImageSets/Main lists; predictions in the VOC devkit's results files. */
    VOC,
    /** CSV: one row per image and per annotation with every metric (and per prediction when asked). */
    CSV,
    /** Parquet (written by DuckDB), the same rows as CSV. */
    PARQUET;

    /** The name on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is a table (CSV, Parquet) rather than a label format. */
    public boolean table() {
        return this == CSV || this == PARQUET;
    }

    /** The format of a command-line name; {@link BadRequest} listing the names otherwise. */
    public static ExportFormat of(String s) {
        for (ExportFormat f : values()) {
            if (f.id().equals(s)) {
                return f;
            }
        }
        throw new BadRequest("unknown export format '" + s + "'; expected one of "
                + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", ")));
    }
}
