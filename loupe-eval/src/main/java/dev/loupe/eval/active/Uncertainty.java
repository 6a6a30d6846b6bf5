package dev.loupe.eval.active;

import java.util.Locale;

/**
 * Uncertainty sampling scores of one item's class probabilities, each oriented so that a higher
 * score means a more uncertain item (label it first). Probabilities need not be renormalised.
 */
public enum Uncertainty {
    /** Shannon entropy in nats, {@code -sum p log p} (0 log 0 = 0): 0 for a one-hot vector, {@code log K} for a uniform one. */
    ENTROPY("entropy") {
        @Override
        public double score(double[] p) {
            double h = 0;
            for (double v : p) {
                if (v > 0) {
                    h -= v * Math.log(v);
                }
            }
            return h;
        }
    },
    /** {@code 1 - max p}: how far the top class is from certainty. */
    LEAST_CONFIDENCE("least-confidence") {
        @Override
        public double score(double[] p) {
            return 1 - top(p)[0];
        }
    },
    /** {@code 1 - (p1 - p2)} for the two highest probabilities: 1 when the top two tie. */
    MARGIN("margin") {
        @Override
        public double score(double[] p) {
            double[] t = top(p);
            return 1 - (t[0] - t[1]);
        }
    };

    private final String id;

    Uncertainty(String id) {
        this.id = id;
    }

    /** The name used on the command line and in metric ids. */
    public String id() {
        return id;
    }

    /** The score of one probability vector (at least one class). */
    public abstract double score(double[] p);

    /** The strategy with this id. */
    public static Uncertainty of(String id) {
        for (Uncertainty u : values()) {
            if (u.id.equals(id.toLowerCase(Locale.ROOT))) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown uncertainty '" + id + "': entropy, least-confidence or margin");
    }

    /** The highest and second-highest probabilities (the second is 0 with one class). */
    private static double[] top(double[] p) {
        double first = Double.NEGATIVE_INFINITY;
        double second = 0;
        boolean seenSecond = false;
        for (double v : p) {
            if (v > first) {
                if (first != Double.NEGATIVE_INFINITY) {
                    second = first;
                    seenSecond = true;
                }
                first = v;
            } else if (!seenSecond || v > second) {
                second = v;
                seenSecond = true;
            }
        }
        return new double[] {first, seenSecond ? second : 0};
    }
}
