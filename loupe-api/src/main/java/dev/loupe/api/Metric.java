package dev.loupe.api;

/**
 * A metric function. Implementations are pure functions of their input (deterministic, no state
 * between calls, safe to call from several threads at once on different inputs), have a public
 * no-argument constructor, and are listed in {@code META-INF/services/dev.loupe.api.Metric}.
 * Implement one of {@link ImageMetric}, {@link ImageHashMetric}, {@link AnnotationMetric} or
 * {@link DatasetMetric}. Return {@code Double.NaN} for "not applicable"; it is stored as missing.
 * Throwing fails only this metric on this item: the runner records the message and goes on.
 */
public interface Metric {
    MetricDescriptor descriptor();
}
