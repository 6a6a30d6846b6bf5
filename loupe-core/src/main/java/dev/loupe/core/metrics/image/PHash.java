package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * The imagehash library's 8×8 perceptual hash as 16 hex digits: Pillow grey ({@code convert("L")}),
 * LANCZOS resize to 32×32, 2-D DCT-II, the 8×8 lowest frequencies compared with their median.
 * Hamming distance between hashes measures near-duplication. See {@link PerceptualHashes}.
 */
public final class PHash implements ImageHashMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.phash", "Perceptual hash",
            "imagehash's 8x8 pHash (DCT of the 32x32 Pillow grey image vs its median), 16 hex digits.",
            ValueKind.HASH, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String compute(ImageContext image) {
        return PerceptualHashes.phash(image.pixels());
    }
}
