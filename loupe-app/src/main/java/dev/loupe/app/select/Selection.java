package dev.loupe.app.select;

import java.util.List;

/**
 * What {@code loupe select} did.
 *
 * @param pool      the images it chose from
 * @param strategy  the strategy
 * @param set       the prediction set the scores come from, or null
 * @param model     the embedding model used, or null
 * @param chosen    the chosen images, first choice first
 * @param scored    how many pool images got a score (the rest had no prediction and were not ranked)
 * @param newTags   how many of the chosen images did not have the tag before
 * @param metricId  the image metric the scores were stored as
 * @param notes     what a user should know (defaults taken, images left out)
 */
public record Selection(Pool pool, Strategy strategy, String set, String model, List<Choice> chosen, int scored,
                        long newTags, String metricId, List<String> notes) {
    public Selection {
        chosen = List.copyOf(chosen);
        notes = List.copyOf(notes);
    }

    /**
     * One chosen image.
     *
     * @param rank    1 for the first choice
     * @param imageId the image
     * @param path    its path under the images folder
     * @param score   its acquisition score (higher = chosen earlier); for diversity and random, the rank itself
     */
    public record Choice(int rank, long imageId, String path, double score) {
    }
}
