package dev.loupe.formats;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.IssueKind;
import java.util.Optional;

/**
 * The geometric checks every importer applies to a box: finite, positive size, inside the image.
 * A box may touch the border (x + w == width is inside: continuous coordinates); a tolerance of
 * 1e-5 of the image side absorbs the rounding of formats that store normalised coordinates.
 */
public final class BoxChecks {
    private static final double RELATIVE_TOLERANCE = 1e-5;

    /** A failed check: the issue kind and a message that says what was expected. */
    public record Problem(IssueKind kind, String message) {
    }

    private BoxChecks() {
    }

    /** The first problem with the box, if any; image size may be null when unknown. */
    public static Optional<Problem> check(Box b, Integer imageWidth, Integer imageHeight) {
        if (!Double.isFinite(b.x()) || !Double.isFinite(b.y()) || !Double.isFinite(b.w()) || !Double.isFinite(b.h())) {
            return problem(IssueKind.NON_FINITE_OR_NEGATIVE, "box " + fmt(b) + " has a non-finite value");
        }
        if (b.w() <= 0 || b.h() <= 0) {
            return problem(IssueKind.DEGENERATE_BOX, "box " + fmt(b) + ": width " + num(b.w()) + " and height "
                    + num(b.h()) + " must both be > 0");
        }
        if (imageWidth == null || imageHeight == null) {
            return Optional.empty();
        }
        double tx = RELATIVE_TOLERANCE * imageWidth;
        double ty = RELATIVE_TOLERANCE * imageHeight;
        if (b.x() >= imageWidth || b.y() >= imageHeight || b.x() + b.w() <= 0 || b.y() + b.h() <= 0) {
            return problem(IssueKind.BOX_FULLY_OUTSIDE_IMAGE, "box " + fmt(b) + " lies entirely outside the "
                    + imageWidth + "x" + imageHeight + " image");
        }
        if (b.x() < -tx || b.y() < -ty || b.x() + b.w() > imageWidth + tx || b.y() + b.h() > imageHeight + ty) {
            return problem(IssueKind.BOX_OUTSIDE_IMAGE, "box " + fmt(b) + " extends past the " + imageWidth + "x"
                    + imageHeight + " image (expected 0 <= x, x + w <= width, 0 <= y, y + h <= height)");
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(IssueKind kind, String message) {
        return Optional.of(new Problem(kind, message));
    }

    /** A box as [x, y, w, h] with short numbers. */
    public static String fmt(Box b) {
        return "[" + num(b.x()) + ", " + num(b.y()) + ", " + num(b.w()) + ", " + num(b.h()) + "]";
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
