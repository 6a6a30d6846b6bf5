package dev.loupe.eval.performance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Plain-language text of slice conditions and slices. */
final class SliceText {
    private SliceText() {
    }

    /** "m &lt;= 3.2 (lowest 10%)", "m &gt;= 7 (highest 20%)", "m between 2 and 3 (percentiles 40 to 50)". */
    static String metricCondition(String metric, double lower, double upper, double observedMin, double observedMax,
                                  double from, double to) {
        if (lower == Double.NEGATIVE_INFINITY) {
            return metric + " <= " + number(observedMax) + " (lowest " + percent(to) + "%)";
        }
        if (upper == Double.POSITIVE_INFINITY) {
            return metric + " >= " + number(observedMin) + " (highest " + percent(1 - from) + "%)";
        }
        return metric + " between " + number(observedMin) + " and " + number(observedMax) + " (percentiles "
                + percent(from) + " to " + percent(to) + ")";
    }

    /**
     * "objects with a &lt;= 1 (lowest 10%) and b &gt;= 2 (highest 20%) of class cat: recall 0.41 vs
     * 0.78 overall, 123 objects".
     */
    static String slice(List<SliceCondition> conditions, RateStats stats, double globalRate, SliceParams params) {
        List<String> metricTexts = new ArrayList<>();
        String classText = null;
        for (SliceCondition c : conditions) {
            if (c.isClass()) {
                classText = c.text();
            } else {
                metricTexts.add(c.text());
            }
        }
        StringBuilder b = new StringBuilder(params.itemNoun());
        if (!metricTexts.isEmpty()) {
            b.append(" with ").append(String.join(" and ", metricTexts));
        }
        if (classText != null) {
            b.append(" of ").append(classText);
        }
        b.append(": ").append(params.outcomeName()).append(' ').append(rate(stats.rate())).append(" vs ")
                .append(rate(globalRate)).append(" overall, ").append(stats.count()).append(' ')
                .append(params.itemNoun());
        return b.toString();
    }

    static String rate(double r) {
        return String.format(Locale.ROOT, "%.2f", r);
    }

    /** Up to 4 significant digits, plain notation between 1e-4 and 1e9. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double a = Math.abs(v);
        return a >= 1e-4 && a < 1e9 ? d.toPlainString() : d.toString();
    }

    private static long percent(double fraction) {
        return Math.round(fraction * 100);
    }
}
