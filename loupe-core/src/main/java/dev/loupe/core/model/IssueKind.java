package dev.loupe.core.model;

import java.util.Locale;

/**
 * The kinds of problem an import records. An issue never drops data silently: the item is kept
 * when it can be (a box outside the image is still a box) and the issue says what is wrong.
 */
public enum IssueKind {
    /** A file could not be parsed (malformed or truncated JSON/XML, a bad text line). */
    MALFORMED_FILE(Severity.ERROR),
    /** A value has the wrong type or is missing where it is required. */
    INVALID_VALUE(Severity.ERROR),
    /** NaN, infinite or negative coordinates or sizes. */
    NON_FINITE_OR_NEGATIVE(Severity.ERROR),
    /** A box or shape with zero or negative width or height. */
    DEGENERATE_BOX(Severity.WARNING),
    /** A box that extends past the image border. */
    BOX_OUTSIDE_IMAGE(Severity.WARNING),
    /** A box that lies entirely outside the image. */
    BOX_FULLY_OUTSIDE_IMAGE(Severity.ERROR),
    /** An annotation names a class that the source does not declare. */
    UNKNOWN_CATEGORY(Severity.ERROR),
    /** An annotation refers to an image that the source does not declare. */
    UNKNOWN_IMAGE(Severity.ERROR),
    /** A label refers to an image file that does not exist. */
    MISSING_IMAGE_FILE(Severity.ERROR),
    /** An image file exists but its header cannot be read. */
    UNREADABLE_IMAGE(Severity.ERROR),
    /** The size in the labels differs from the size in the image header. */
    SIZE_MISMATCH(Severity.WARNING),
    /** Two items share an id that must be unique. */
    DUPLICATE_ID(Severity.ERROR),
    /** An image file has no labels file where the format expects one. */
    MISSING_LABEL_FILE(Severity.INFO),
    /** A label source disagrees with another source for the same object (e.g. JSON box vs mask). */
    INCONSISTENT_LABELS(Severity.WARNING);

    /** How bad an issue is. */
    public enum Severity { INFO, WARNING, ERROR }

    private final Severity severity;

    IssueKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** The stable lower-case id used in the store, in JSON and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
