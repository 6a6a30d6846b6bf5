package dev.loupe.store.browse;

/**
 * A kind of issue a filter can select, with how many items of its scope it flags.
 *
 * @param kind   rule id or import issue kind
 * @param source {@code rule} (an issue rule over metrics) or {@code import} (recorded by the import)
 * @param scope  image or annotation
 * @param count  items flagged (distinct items for import issues)
 * @param description what it means
 */
public record IssueKindInfo(String kind, String source, String scope, long count, String description) {
}
