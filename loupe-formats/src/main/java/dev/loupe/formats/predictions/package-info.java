/**
 * Prediction readers other than COCO results and YOLO: the {@link dev.loupe.formats.predictions.PredictionFormat}
 * extension point (found by id through {@link dev.loupe.formats.predictions.PredictionFormats}), the
 * {@link dev.loupe.formats.predictions.PredictionReader} contract, classification probability CSVs, and the {@link dev.loupe.formats.predictions.ProjectCatalog} that
 * resolves image paths and class names against a project.
 */
package dev.loupe.formats.predictions;
