package dev.loupe.store.browse;

import java.util.List;

/**
 * A page of search results.
 *
 * @param total all items the filter selects
 * @param items this page, in sort order
 */
public record SearchPage(long total, long offset, List<Hit> items) {

    /**
     * One image or annotation of a page, with what a thumbnail needs to draw its labels.
     *
     * @param id        image id (image scope) or annotation id (annotation scope)
     * @param imageId   the image
     * @param category  class name of an annotation hit; null for image hits
     * @param sortValue the value of the sort metric, or null
     * @param shapes    every annotation of the image (for an annotation hit, the one whose id is {@code id} among them)
     * @param predictions when the filter names a prediction set: every prediction of that set on the image with its
     *                  outcome (for a prediction hit, the one whose id is {@code id} among them); else empty
     * @param missed    when the filter names a prediction set: the ids of the image's ground truths it missed (FN)
     * @param top1      when the filter names a classification set: its top-1 class on the image (null otherwise, or
     *                  when the set did not score the image)
     */
    public record Hit(long id, long imageId, String path, Integer width, Integer height, String split, String category,
                      Double sortValue, List<Shape> shapes, List<PredictionShape> predictions, List<Long> missed, ClassProbability top1) {
        /** A hit without predictions. */
        public Hit(long id, long imageId, String path, Integer width, Integer height, String split, String category,
                   Double sortValue, List<Shape> shapes) {
            this(id, imageId, path, width, height, split, category, sortValue, shapes, List.of(), List.of(), null);
        }

        /** This hit's own prediction (prediction hits), or null. */
        public PredictionShape prediction() {
            return predictions.stream().filter(p -> p.id() == id).findFirst().orElse(null);
        }
    }

    /** A classification set's top-1 class on an image and its probability. */
    public record ClassProbability(String category, double probability) {
    }
}
