package dev.loupe.core.pipeline;

import java.util.List;

/**
 * A page of work read from a store: the images among those scanned that still have work to do.
 *
 * @param work        the pending work, in image id order
 * @param lastImageId the last image id scanned (the next page starts after it)
 * @param scanned     how many images were scanned, pending or not; 0 ends the run
 */
public record WorkPage<W>(List<W> work, long lastImageId, int scanned) {
    public WorkPage {
        work = List.copyOf(work);
        if (scanned < work.size()) {
            throw new IllegalArgumentException("scanned " + scanned + " images but " + work.size() + " are pending");
        }
    }

    /** The page that ends a run. */
    public static <W> WorkPage<W> end(long afterImageId) {
        return new WorkPage<>(List.of(), afterImageId, 0);
    }
}
