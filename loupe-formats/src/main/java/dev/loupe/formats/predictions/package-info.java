/**
 * Prediction readers other than COCO results and YOLO: the {@link dev.loupe.formats.predictions.PredictionReader}
 * contract, classification probability CSVs, and the {@link dev.loupe.formats.predictions.ProjectCatalog} that
 * resolves image paths and class names against a project.
 */
package dev.loupe.formats.predictions;
