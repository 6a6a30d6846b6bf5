package dev.loupe.core.metrics.runner;

import dev.loupe.api.Metric;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.model.ImageRecord;
import java.util.List;
import java.util.Map;

/**
 * One image to analyse: the image, the folder its file is opened from, its annotations, and the per-item metrics still to
 * compute for it (a resumed or extended run computes only those).
 *
 * @param classNames class id to name, shared by all work items of a run
 */
public record ImageWork(ImageRecord image, ImageFolder folder, List<Annotation> annotations, Map<Integer, String> classNames,
                        List<Metric> pending) {
    public ImageWork {
        annotations = List.copyOf(annotations);
        pending = List.copyOf(pending);
    }
}
