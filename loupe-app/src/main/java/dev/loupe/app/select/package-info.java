/**
 * {@code loupe select}: active learning. {@link dev.loupe.app.select.ActiveSelection} takes a pool of
 * images ({@link dev.loupe.app.select.Pool}), scores it by a {@link dev.loupe.app.select.Strategy}
 * (uncertainty from a prediction set, diversity from embeddings, or both), tags the chosen images
 * and stores the scores as an image metric, so the web app, filters and {@code loupe export --tag}
 * take them from there.
 */
package dev.loupe.app.select;
