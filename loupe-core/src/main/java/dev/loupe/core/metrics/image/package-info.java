/**
 * Built-in image metrics: one class per metric, each a pure function of an
 * {@link dev.loupe.api.ImageContext} (sizes, file size, colour, brightness, contrast, sharpness,
 * entropy, object counts, pixel and perceptual hashes), with the shared passes they read (the
 * RGB/HSV pass, Pillow's grey conversion and resampling for the CleanVision-exact metrics, the
 * Laplacian moments). Definitions follow Encord Active and CleanVision where they name them.
 */
package dev.loupe.core.metrics.image;
