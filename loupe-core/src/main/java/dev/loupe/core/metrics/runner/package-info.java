/**
 * The metric runner: a reader thread feeds images with their pending metrics to worker threads (one
 * decode per image, every image and annotation metric), a writer thread stores results in batches through
 * {@link dev.loupe.core.metrics.runner.MetricRunStore}; runs resume, failures are recorded per item, and
 * dataset metrics follow over the stored values.
 */
package dev.loupe.core.metrics.runner;
