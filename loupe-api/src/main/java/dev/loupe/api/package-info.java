/**
 * The plugin API: what a metric is ({@link dev.loupe.api.Metric} and its kinds {@link dev.loupe.api.ImageMetric},
 * {@link dev.loupe.api.ImageHashMetric}, {@link dev.loupe.api.AnnotationMetric}, {@link dev.loupe.api.DatasetMetric}),
 * how it describes itself ({@link dev.loupe.api.MetricDescriptor}) and what it is given (the decoded
 * {@link dev.loupe.api.PixelImage}, {@link dev.loupe.api.ImageContext}, {@link dev.loupe.api.AnnotationContext},
 * {@link dev.loupe.api.ObjectView}). Plugin authors compile against this module alone; it needs nothing but the JDK.
 */
package dev.loupe.api;
