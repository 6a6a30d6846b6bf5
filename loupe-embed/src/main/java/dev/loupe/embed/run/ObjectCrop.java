package dev.loupe.embed.run;

import dev.loupe.api.PixelImage;
import dev.loupe.core.geometry.Box;

/**
 * The pixels of an object for its embedding: the annotation's box grown by {@link #MARGIN} of its
 * width and height on each side (some context helps the model, as in most crop classifiers),
 * clipped to the image, widened to whole pixels (pixel (col, row) covers [col, col+1) x [row, row+1)).
 */
public final class ObjectCrop {
    /** Fraction of the box size added on each side. */
    public static final double MARGIN = 0.1;

    private ObjectCrop() {
    }

    /** The crop, or null when nothing of the box lies inside the image. */
    public static PixelImage of(PixelImage image, Box box) {
        double mx = MARGIN * box.w();
        double my = MARGIN * box.h();
        int x0 = (int) Math.max(0, Math.floor(box.x() - mx));
        int y0 = (int) Math.max(0, Math.floor(box.y() - my));
        int x1 = (int) Math.min(image.width(), Math.ceil(box.x() + box.w() + mx));
        int y1 = (int) Math.min(image.height(), Math.ceil(box.y() + box.h() + my));
        if (!(box.w() > 0) || !(box.h() > 0) || x1 <= x0 || y1 <= y0) {
            return null;
        }
        int w = x1 - x0;
        int h = y1 - y0;
        byte[] rgb = new byte[3 * w * h];
        byte[] src = image.rgb();
        for (int y = 0; y < h; y++) {
            System.arraycopy(src, 3 * ((y0 + y) * image.width() + x0), rgb, 3 * y * w, 3 * w);
        }
        return new PixelImage(w, h, rgb, 3, 8, false);
    }
}
