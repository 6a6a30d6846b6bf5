package dev.loupe.api;

/** What a metric gives a value for: each image, each annotation, or each prediction. */
public enum Scope {
    IMAGE, ANNOTATION, PREDICTION;

    /** The prefix every metric id of this scope starts with ("image.", "annotation.", "prediction."). */
    public String prefix() {
        return name().toLowerCase(java.util.Locale.ROOT) + ".";
    }
}
