package dev.loupe.store.sql;

/** The kinds of prediction set the store holds (column prediction_sets.kind). */
public final class SetKind {
    public static final String DETECTION = "detection";
    public static final String CLASSIFICATION = "classification";

    private SetKind() {
    }
}
