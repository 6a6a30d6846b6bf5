package dev.loupe.store;

/** An imported prediction set with its number of predictions. */
public record PredictionSetInfo(int id, String name, String format, long predictions) {
}
