/**
 * The metrics room: the store side of metric runs over labels and prediction sets (one coverage
 * store, resumable batches), and the project's statistics, rule findings and metric export.
 */
package dev.loupe.store.metrics;
