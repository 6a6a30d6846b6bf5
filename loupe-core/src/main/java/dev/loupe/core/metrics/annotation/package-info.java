/**
 * Built-in annotation metrics: one class per metric, each a pure function of an
 * {@link dev.loupe.api.AnnotationContext}. Geometry metrics read the object's box (pixels,
 * top-left origin, continuous coordinates) or its raster; object-pixel metrics apply the image
 * metric definitions to the pixels of {@link dev.loupe.api.ObjectView#raster()} only. A metric
 * returns NaN (missing) where it does not apply.
 */
package dev.loupe.core.metrics.annotation;
