package dev.loupe.example;

import dev.loupe.api.Direction;
import dev.loupe.api.ImageContext;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ValueKind;

/**
 * The share of an image's outer frame that is black: padding added by a resize that kept the aspect
 * ratio, letterbox bars, the dark edge of a scan. The frame is the outermost
 * {@code t = max(1, round(0.05 · min(width, height)))} rows and columns; a pixel is black when its
 * Rec. 601 luma {@code 0.299 R + 0.587 G + 0.114 B} is below 16 (of 255). 0 for an image without
 * dark edges, 1 for a fully padded frame.
 */
public final class DarkBorderFraction implements ImageMetric {
    static final double FRAME = 0.05;
    static final double BLACK = 16;

    private static final MetricDescriptor DESCRIPTOR = MetricDescriptor.image("image.dark_border_fraction",
            "Dark border fraction", "Share of the outer frame (the outermost max(1, round(5% of the shorter side))"
                    + " rows and columns) whose Rec. 601 luma is below 16 of 255: padding and letterbox bars.",
            ValueKind.UNIT_INTERVAL, Direction.LOWER_IS_BETTER);

    @Override
    public MetricDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public double compute(ImageContext image) {
        PixelImage px = image.pixels();
        int w = px.width();
        int h = px.height();
        int t = Math.max(1, (int) Math.round(FRAME * Math.min(w, h)));
        byte[] rgb = px.rgb();
        long frame = 0;
        long dark = 0;
        for (int y = 0; y < h; y++) {
            boolean edgeRow = y < t || y >= h - t;
            for (int x = 0; x < w; x++) {
                if (edgeRow || x < t || x >= w - t) {
                    int o = 3 * (y * w + x);
                    double luma = 0.299 * (rgb[o] & 0xff) + 0.587 * (rgb[o + 1] & 0xff) + 0.114 * (rgb[o + 2] & 0xff);
                    frame++;
                    if (luma < BLACK) {
                        dark++;
                    }
                }
            }
        }
        return (double) dark / frame;
    }
}
