package dev.loupe.core.metrics.image;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.ObjectView;
import dev.loupe.api.ShapeKind;
import dev.loupe.api.ValueKind;

/**
 * Object density: the number of pixels covered by at least one ground-truth object (the union of the
 * objects' rasters: box pixels whose centre is inside, COCO rasterisation of polygons and masks,
 * clipped to the image) divided by width × height; in [0, 1], 0 for an image without objects.
 * Missing (NaN) for an image whose objects are all image-level labels (a classification image has
 * no area to cover; it read 0). Overlapping objects count once.
 */
public final class ObjectDensity implements ImageMetric {
    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.object_density", "Object density",
            "Pixels covered by the union of the objects (boxes, polygons, masks) / image area; missing when the image "
                    + "has only image-level labels.",
            ValueKind.UNIT_INTERVAL, Direction.NONE);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        int w = image.width();
        int h = image.height();
        boolean[] covered = null;
        long count = 0;
        if (!image.objects().isEmpty() && image.objects().stream().allMatch(o -> o.shape() == ShapeKind.LABEL)) {
            return Double.NaN;
        }
        for (ObjectView o : image.objects()) {
            ObjectView.Raster r = o.raster();
            if (r == null || r.width() == 0 || r.height() == 0) {
                continue;
            }
            if (covered == null) {
                covered = new boolean[w * h];
            }
            boolean[] inside = r.inside();
            for (int y = 0; y < r.height(); y++) {
                int iy = r.y0() + y;
                if (iy < 0 || iy >= h) {
                    continue;
                }
                for (int x = 0; x < r.width(); x++) {
                    int ix = r.x0() + x;
                    if (ix >= 0 && ix < w && inside[y * r.width() + x] && !covered[iy * w + ix]) {
                        covered[iy * w + ix] = true;
                        count++;
                    }
                }
            }
        }
        return (double) count / ((double) w * h);
    }

    @Override
    public boolean needsPixels() {
        return false;
    }
}
