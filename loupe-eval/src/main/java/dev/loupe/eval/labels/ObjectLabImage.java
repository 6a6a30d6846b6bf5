package dev.loupe.eval.labels;

import dev.loupe.core.geometry.Box;
import java.util.List;
import java.util.Objects;

/**
 * One image's labelled and predicted boxes, as ObjectLab reads them.
 *
 * @param labels      the given boxes, each with its class index
 * @param predictions the model's boxes, each with its class index and probability in [0, 1]
 */
public record ObjectLabImage(List<LabeledBox> labels, List<PredictedBox> predictions) {
    public ObjectLabImage {
        labels = List.copyOf(labels);
        predictions = List.copyOf(predictions);
    }

    /**
     * A given box.
     *
     * @param box   pixels, top-left origin; corners x + w and y + h
     * @param label class index &gt;= 0
     */
    public record LabeledBox(Box box, int label) {
        public LabeledBox {
            Objects.requireNonNull(box, "box");
        }
    }

    /**
     * A predicted box.
     *
     * @param box         pixels, top-left origin; corners x + w and y + h
     * @param label       class index &gt;= 0
     * @param probability the model's confidence in the class, in [0, 1]
     */
    public record PredictedBox(Box box, int label, double probability) {
        public PredictedBox {
            Objects.requireNonNull(box, "box");
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("predicted box probability must be in [0, 1]: " + probability);
            }
        }
    }
}
