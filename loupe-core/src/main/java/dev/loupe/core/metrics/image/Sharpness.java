package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ValueKind;

/**
 * Sharpness: population variance of the 3×3 Laplacian [0 1 0; 1 −4 1; 0 1 0] (OpenCV border
 * reflect-101) of the R, G and B channels, all width × height × 3 values pooled; unit grey level²
 * (Encord Active's {@code sharpness}, {@code cv2.Laplacian(rgb, CV_64F).var()}).
 */
public final class Sharpness implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.sharpness", "Sharpness",
            "Variance of the 3x3 Laplacian [0 1 0; 1 -4 1; 0 1 0] (border reflect-101) of each RGB channel, pooled (Encord Active's sharpness); grey-level² units.",
            ValueKind.NON_NEGATIVE_REAL, Direction.HIGHER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        return LaplacianMoments.rgb(image.pixels()).variance();
    }
}
