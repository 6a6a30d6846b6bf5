package dev.loupe.embed.space;

import dev.loupe.api.Direction;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * {@code image.uniqueness}: cosine distance (1 − cosine similarity of the embeddings, prepared by
 * {@link dev.loupe.knn.Vectors#forSimilarity}) from an image
 * to its nearest other image. 0 = an identical embedding elsewhere; larger = nothing like it in the
 * dataset. Missing for the only image.
 */
public final class Uniqueness {
    public static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.uniqueness", "Uniqueness",
            "Cosine distance (1 - cosine similarity) between this image's embedding and the nearest other image's; "
                    + "0 = an identical embedding exists, larger = more unusual.",
            ValueKind.NON_NEGATIVE_REAL, Direction.HIGHER_IS_BETTER);

    private Uniqueness() {
    }

    /** One value per row (NaN when the row has no neighbour). */
    public static double[] of(NeighbourLists nn) {
        double[] out = new double[nn.lists().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = nn.lists()[i].size() == 0 ? Double.NaN : Math.max(0, 1 - nn.lists()[i].similarities()[0]);
        }
        return out;
    }
}
