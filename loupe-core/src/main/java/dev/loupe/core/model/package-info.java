/**
 * The data model every importer emits and every module reads: images, categories, annotations with their
 * {@link dev.loupe.core.model.Geometry}, predictions, and the issues an import records, streamed through
 * {@link dev.loupe.core.model.DatasetSink} and {@link dev.loupe.core.model.PredictionSink}.
 */
package dev.loupe.core.model;
