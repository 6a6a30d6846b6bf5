package dev.loupe.eval.labels;

import dev.loupe.core.geometry.Box;

/** ObjectLab's box overlap and similarity, with cleanlab's arithmetic (corners x + w, y + h). */
final class BoxGeometry {
    /** cleanlab's EPSILON: the floor of an IoU's union. */
    private static final double UNION_FLOOR = 1e-6;

    private BoxGeometry() {
    }

    /** Intersection over union; 0 when the boxes do not touch, touching edges give 0 too. */
    static double iou(Box a, Box b) {
        double ax2 = a.x2();
        double ay2 = a.y2();
        double bx2 = b.x2();
        double by2 = b.y2();
        double left = Math.max(a.x(), b.x());
        double top = Math.max(a.y(), b.y());
        double right = Math.min(ax2, bx2);
        double bottom = Math.min(ay2, by2);
        if (right < left || bottom < top) {
            return 0.0;
        }
        double intersection = (right - left) * (bottom - top);
        double areaA = (ax2 - a.x()) * (ay2 - a.y());
        double areaB = (bx2 - b.x()) * (by2 - b.y());
        return intersection / Math.max(areaA + areaB - intersection, UNION_FLOOR);
    }

    /** exp(-factor * distance between the centres). */
    static double centreCloseness(Box a, Box b, double factor) {
        double dx = (a.x() + a.x2()) / 2 - (b.x() + b.x2()) / 2;
        double dy = (a.y() + a.y2()) / 2 - (b.y() + b.y2()) / 2;
        return Math.exp(-Math.sqrt(dx * dx + dy * dy) * factor);
    }

    /** alpha * IoU + (1 - alpha) * closeness, written as cleanlab writes it (via the distance 1 - closeness). */
    static double similarity(double iou, double closeness, double alpha) {
        double distance = 1 - closeness;
        return iou * alpha + (1 - alpha) * (1 - distance);
    }
}
