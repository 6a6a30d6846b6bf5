package dev.loupe.app.report;

import java.util.List;
import java.util.Locale;

/** Small inline SVG charts: horizontal bars, a histogram, precision-recall curves. */
final class Svg {
    private Svg() {
    }

    /** One labelled bar. */
    record Bar(String label, double value, String colour, String text) {
    }

    /** Horizontal bars, longest = full width; each row says its label and text. */
    static String bars(List<Bar> bars, int width) {
        int row = 22;
        int labelWidth = 150;
        int height = Math.max(row, bars.size() * row) + 4;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
        StringBuilder s = open(width, height, "bar chart");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double w = max > 0 ? (width - labelWidth - 240) * b.value() / max : 0;
            int y = i * row + 2;
            s.append(text(labelWidth - 6, y + 15, "end", shorten(b.label(), 22)));
            s.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    labelWidth, y + 2, Math.max(w, b.value() > 0 ? 1 : 0), row - 6, Html.attr(b.colour())));
            s.append(text((int) (labelWidth + w + 6), y + 15, "start", b.text()));
        }
        return s.append("</svg>").toString();
    }

    /**
     * A histogram of equal-width bins with the moderate outlier bounds (dashed) when given.
     *
     * @param edges  bins + 1 edges
     * @param counts items per bin
     */
    static String histogram(double[] edges, long[] counts, Double lower, Double upper, int width, int height) {
        StringBuilder s = open(width, height, "histogram");
        int pad = 18;
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double plotW = width - 2.0;
        double plotH = height - pad - 2.0;
        double bw = plotW / counts.length;
        for (int i = 0; i < counts.length; i++) {
            double h = plotH * counts[i] / max;
            s.append(String.format(Locale.ROOT, "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                    + "<title>%s to %s: %d</title></rect>", 1 + i * bw, 1 + plotH - h, Math.max(bw - 1, 0.5), h,
                    Html.number(edges[i]), Html.number(edges[i + 1]), counts[i]));
        }
        double lo = edges[0];
        double hi = edges[edges.length - 1];
        for (Double bound : new Double[] {lower, upper}) {
            if (bound != null && hi > lo && bound > lo && bound < hi) {
                double x = 1 + plotW * (bound - lo) / (hi - lo);
                s.append(String.format(Locale.ROOT, "<line class=\"bound\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%.1f\"/>",
                        x, x, plotH + 1));
            }
        }
        s.append(text(1, height - 4, "start", Html.number(lo)));
        s.append(text(width - 1, height - 4, "end", Html.number(hi)));
        return s.append("</svg>").toString();
    }

    /** One curve: recall and precision at the same points, in a class colour. */
    record Curve(String label, double[] recall, double[] precision, String colour) {
    }

    /** Precision (y) against recall (x), both 0 to 1, one polyline per curve, with a legend. */
    static String prCurves(List<Curve> curves, int width, int height) {
        int left = 34;
        int bottom = 24;
        int legend = 14 * curves.size();
        StringBuilder s = open(width, height + legend, "precision-recall curves");
        double w = width - left - 8.0;
        double h = height - bottom - 6.0;
        s.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"6\" width=\"%.1f\" height=\"%.1f\"/>", left, w, h));
        for (double t : new double[] {0, 0.5, 1}) {
            s.append(text(left - 4, (int) (6 + h - t * h + 4), "end", Html.number(t)));
            s.append(text((int) (left + t * w), height - 8, "middle", Html.number(t)));
        }
        s.append(text((int) (left + w / 2), height + 4, "middle", "recall")).append(" ");
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < curve.recall().length; i++) {
                double p = curve.precision()[i];
                if (!Double.isFinite(p) || p < 0) {
                    continue;
                }
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + curve.recall()[i] * w, 6 + h - p * h));
            }
            s.append("<polyline class=\"curve\" fill=\"none\" stroke=\"").append(Html.attr(curve.colour()))
                    .append("\" points=\"").append(points.toString().strip()).append("\"/>");
            int y = height + 10 + c * 14;
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"4\" fill=\"%s\"/>", left, y - 4,
                    Html.attr(curve.colour())));
            s.append(text(left + 14, y + 1, "start", curve.label()));
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String label) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
                        + "aria-label=\"%s\">", width, height, width, height, Html.attr(label)));
    }

    private static String text(int x, int y, String anchor, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + Html.text(content) + "</text>";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
