package dev.loupe.store.predictions;

import dev.loupe.store.sql.SetKind;
import java.time.Instant;

/**
 * A stored prediction set.
 *
 * @param id          its id
 * @param name        its name, unique in the project
 * @param kind        {@link #DETECTION} or {@link #CLASSIFICATION}
 * @param format      the format it was read from
 * @param source      the file or folder it was read from
 * @param iouType     what its outcomes were matched on ("bbox", "segm"), null for classification
 * @param predictions number of scored shapes
 * @param images      number of images with predictions or probabilities
 * @param createdAt   when it was imported
 */
public record PredictionSetInfo(int id, String name, String kind, String format, String source, String iouType,
                                long predictions, long images, Instant createdAt) {
    /** The kind of a set of scored shapes. */
    public static final String DETECTION = SetKind.DETECTION;
    /** The kind of a set of class probabilities per image. */
    public static final String CLASSIFICATION = SetKind.CLASSIFICATION;

    /** Whether this is a set of class probabilities (not a JSON property: no bean prefix). */
    public boolean classification() {
        return CLASSIFICATION.equals(kind);
    }
}
