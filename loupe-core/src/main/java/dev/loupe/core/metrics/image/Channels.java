package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Channels of the source file as the decoder reports them: 1 grey, 2 grey+alpha, 3 colour (also
 * palette), 4 colour+alpha (or a palette with transparency) or CMYK. Needs the decoded image
 * (the header reader does not report channels).
 */
public final class Channels implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.channels", "Channels",
            "Channels of the source file: 1 grey, 2 grey+alpha, 3 colour, 4 colour+alpha or CMYK.",
            ValueKind.NON_NEGATIVE_INTEGER, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return image.pixels().channels();
    }
}
