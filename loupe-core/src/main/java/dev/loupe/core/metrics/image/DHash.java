package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * The imagehash library's 8×8 difference hash as 16 hex digits: Pillow grey, LANCZOS resize to 9×8,
 * bit = pixel brighter than its left neighbour, row-major. See {@link PerceptualHashes}.
 */
public final class DHash implements ImageHashMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.dhash", "Difference hash",
            "imagehash's 8x8 dHash (neighbour comparisons on the 9x8 Pillow grey image), 16 hex digits.",
            ValueKind.HASH, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String compute(ImageContext image) {
        return PerceptualHashes.dhash(image.pixels());
    }
}
