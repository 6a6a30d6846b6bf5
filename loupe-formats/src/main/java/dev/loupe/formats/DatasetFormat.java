package dev.loupe.formats;

/**
 * A label format that {@code loupe init --format ID} can import: the extension point for importers. Built-ins and
 * plugin jars list their classes in {@code META-INF/services/dev.loupe.formats.DatasetFormat}; {@link DatasetFormats}
 * finds them by {@link #id()}. Implementations have a public no-argument constructor and keep no state: each
 * {@link #open} returns a new importer for one source.
 *
 * <p>It lives in loupe-formats, not loupe-api, because what an importer streams (core's {@code DatasetSink},
 * {@code ImageRecord}, {@code Annotation}, {@code Issue}) lives in loupe-core, and because an importer needs the
 * helpers every built-in shares here ({@link ImageCatalog}: ids, header sizes, path containment; {@link BoxChecks}).
 */
public interface DatasetFormat {
    /** The format id, stable, lower case ({@code coco}, {@code voc}, ...); stored as the project's format. */
    String id();

    /** What it reads, for {@code loupe formats} (one line). */
    String description();

    /** What {@code --labels} must be: a file, a folder, or nothing (labels come from the images folder). */
    LabelInput labels();

    /** A new importer for one source; paths were checked against {@link #labels()} by the caller. */
    DatasetImporter open(ImportRequest request);
}
