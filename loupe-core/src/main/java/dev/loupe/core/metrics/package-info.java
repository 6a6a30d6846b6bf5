/**
 * The metrics: {@link dev.loupe.core.metrics.MetricRegistry} finds the built-ins and plugin jars through
 * {@code ServiceLoader}, loud on unknown and duplicate ids; the sub-packages hold the built-in metrics by scope,
 * the issue rules over their values, and the runner that computes them.
 */
package dev.loupe.core.metrics;
