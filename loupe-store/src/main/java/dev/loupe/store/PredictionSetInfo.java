package dev.loupe.store;

import java.time.Instant;

/**
 * A stored prediction set.
 *
 * @param id          its id
 * @param name        its name, unique in the project
 * @param kind        "detection" or "classification"
 * @param format      the format it was read from
 * @param source      the file or folder it was read from
 * @param iouType     what its outcomes were matched on ("bbox", "segm"), null for classification
 * @param predictions number of scored shapes
 * @param images      number of images with predictions or probabilities
 * @param createdAt   when it was imported
 */
public record PredictionSetInfo(int id, String name, String kind, String format, String source, String iouType,
                                long predictions, long images, Instant createdAt) {
}
