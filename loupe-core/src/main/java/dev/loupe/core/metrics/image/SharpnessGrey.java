package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Grey sharpness: population variance of the 3×3 Laplacian [0 1 0; 1 −4 1; 0 1 0] (border
 * reflect-101) of the 8-bit grey image with OpenCV's BGR2GRAY rounding ({@link dev.loupe.api.PixelImage#grey()});
 * unit grey level² (the usual "variance of Laplacian" blur measure).
 */
public final class SharpnessGrey implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.sharpness_grey", "Sharpness (grey)",
            "Variance of the 3x3 Laplacian (border reflect-101) of the 8-bit OpenCV grey image; grey-level² units.",
            ValueKind.NON_NEGATIVE_REAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return LaplacianMoments.grey(image.pixels()).variance();
    }
}
