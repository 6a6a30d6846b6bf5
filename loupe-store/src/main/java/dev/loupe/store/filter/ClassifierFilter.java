package dev.loupe.store.filter;

import java.util.List;
import java.util.Objects;

/**
 * Conditions on a classification set's top-1 prediction for each image (the class of highest
 * probability, the lowest class id on ties, as {@code loupe eval} ranks them): which predicted
 * classes to keep, and whether to keep only images whose image-level label differs from it.
 * For annotations and predictions the conditions apply to their image.
 *
 * @param set       the classification set's name
 * @param predicted class names the top-1 prediction must be one of (empty: any)
 * @param wrongOnly keep only misclassified images: an image-level label that is not the top-1 class
 */
public record ClassifierFilter(String set, List<String> predicted, boolean wrongOnly) {
    public ClassifierFilter {
        Objects.requireNonNull(set, "set");
        predicted = List.copyOf(predicted);
    }
}
