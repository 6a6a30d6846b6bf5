/**
 * How metrics see annotations: {@link dev.loupe.core.metrics.objects.GeometryObject} (an
 * {@link dev.loupe.api.ObjectView} over a core {@link dev.loupe.core.model.Annotation}) and plain
 * implementations of the annotation and image contexts that the metric runner hands to metrics.
 *
 * <p>Coordinates are pixels, top-left origin, continuous: pixel (col, row) covers
 * [col, col+1) x [row, row+1), as in {@link dev.loupe.core.geometry}.
 */
package dev.loupe.core.metrics.objects;
