package dev.loupe.formats.predictions;

import dev.loupe.core.model.PredictionSink;

/**
 * Reads a model's predictions for the images of an existing project. Readers validate every value,
 * report each problem located (file, line or JSON pointer, value, expectation) and never abort on
 * a bad item; they throw only when the input as a whole cannot be read (missing file).
 */
public interface PredictionReader {
    /** The format id: "coco", "yolo" or "classification-csv". */
    String format();

    /** Streams the predictions into the sink; ids are assigned from {@code firstId} on. */
    void read(ProjectCatalog project, long firstId, PredictionSink sink);
}
