package dev.loupe.core.outcome;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;

import java.util.List;

/** Matches the predictions of one image to its ground truths at every threshold of {@link Thresholds}. */
public interface OutcomeMatcher {
    /**
     * @param groundTruths the image's annotations with a class and a box, polygon or mask
     * @param predictions  the image's predictions of one set
     */
    ImageOutcome match(ImageRecord image, List<Annotation> groundTruths, List<Prediction> predictions);

    /** "bbox" or "segm": what IoU is computed on. */
    String iouType();
}
