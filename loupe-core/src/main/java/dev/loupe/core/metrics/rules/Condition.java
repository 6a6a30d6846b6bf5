package dev.loupe.core.metrics.rules;

import java.util.Objects;

/**
 * One comparison of a stored metric value with a threshold. A missing value never matches.
 *
 * @param metricId  the metric id
 * @param op        the comparison
 * @param threshold the threshold, in the metric's unit
 */
public record Condition(String metricId, Op op, double threshold) {
    /** The comparisons a rule can make. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">="), EQ("=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double value, double threshold) {
            return switch (this) {
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case EQ -> value == threshold;
            };
        }
    }

    public Condition {
        Objects.requireNonNull(metricId, "metricId");
        Objects.requireNonNull(op, "op");
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold of " + metricId + " must be finite: " + threshold);
        }
    }

    @Override
    public String toString() {
        return metricId + " " + op.symbol() + " " + java.math.BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
    }
}
