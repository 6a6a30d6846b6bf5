/**
 * Metrics computed from other stored metrics rather than from pixels (e.g. CleanVision's blur score
 * from its two inputs), run as dataset metrics after the pixel pass.
 */
package dev.loupe.core.metrics.derived;
