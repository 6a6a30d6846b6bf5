package dev.loupe.core.outcome;

import java.util.Locale;

/**
 * The IoU threshold grid of stored outcomes: 0.05, 0.10, ..., 0.95, by index 1..19. The values at
 * 0.50..0.95 are bit for bit those of pycocotools ({@code np.linspace(.5, .95, 10)}), so that the
 * stored matches at those thresholds are COCOeval's own.
 */
public final class Thresholds {
    /** Number of thresholds in the grid. */
    public static final int COUNT = 19;
    /** IoU below which an unmatched prediction is "background" rather than "localisation" (TIDE's t_b). */
    public static final double BACKGROUND_IOU = 0.1;

    private static final double[] VALUES = new double[COUNT + 1];

    static {
        for (int i = 1; i <= COUNT; i++) {
            VALUES[i] = i < 10 ? i / 20.0 : .5 + (i - 10) * ((0.95 - .5) / 9);
        }
        VALUES[COUNT] = 0.95; // numpy's linspace sets the endpoint exactly
    }

    private Thresholds() {
    }

    /** The threshold of index 1..19. */
    public static double value(int index) {
        if (index < 1 || index > COUNT) {
            throw new IllegalArgumentException("threshold index " + index + " is not in 1.." + COUNT);
        }
        return VALUES[index];
    }

    /**
     * The index of an IoU threshold given by a user (0.05, 0.1, ..., 0.95).
     *
     * @throws IllegalArgumentException if it is not on the grid (to within 1e-9)
     */
    public static int index(double iou) {
        double scaled = iou * 20;
        long i = Math.round(scaled);
        if (Double.isNaN(iou) || Math.abs(scaled - i) > 20e-9 || i < 1 || i > COUNT) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "IoU threshold %s is not one of 0.05, 0.10, ..., 0.95 (the grid outcomes are stored at)", iou));
        }
        return (int) i;
    }
}
