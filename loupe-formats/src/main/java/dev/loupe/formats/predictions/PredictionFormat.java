package dev.loupe.formats.predictions;

/**
 * A predictions format that {@code loupe predictions import --format ID} can read: the extension point for
 * prediction readers. Built-ins and plugin jars list their classes in
 * {@code META-INF/services/dev.loupe.formats.predictions.PredictionFormat}; {@link PredictionFormats} finds them by
 * {@link #id()}. Implementations have a public no-argument constructor and keep no state. It lives here, not in
 * loupe-api, for the reason {@link dev.loupe.formats.DatasetFormat} does: the sink and records are core's, and a
 * reader resolves images and classes through {@link ProjectCatalog}.
 */
public interface PredictionFormat {
    /** The format id, stable, lower case ({@code coco}, {@code yolo}, {@code classification-csv}); stored with the set. */
    String id();

    /** What it reads, for {@code loupe formats} (one line). */
    String description();

    /** A new reader of one results file or folder; its {@link PredictionReader#format()} is {@link #id()}. */
    PredictionReader open(PredictionRequest request);
}
