package dev.loupe.eval.voc;

import java.util.List;
import java.util.Objects;

/**
 * The result of a VOC evaluation.
 *
 * @param params  the parameters used
 * @param classes one entry per class that has a ground truth or a detection, by ascending id
 * @param map     mean of the per-class AP over the classes with at least one positive (NaN if none)
 */
public record VocResult(VocParams params, List<VocClassResult> classes, double map) {
    public VocResult {
        Objects.requireNonNull(params, "params");
        classes = List.copyOf(classes);
    }
}
