package dev.loupe.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The evaluation section, drawn from the JSON that {@code loupe eval --json} prints (one shape, README). */
final class EvaluationSection {
    private EvaluationSection() {
    }

    static void detection(HtmlReport html, JsonNode ev, Map<Integer, String> names) {
        html.note(ev.path("images").asLong() + " images, " + ev.path("groundTruths").asLong() + " labelled objects, "
                + ev.path("detections").asLong() + " predictions; COCO evaluation (pycocotools-exact).");
        StringBuilder s = new StringBuilder("<table><tr>");
        Iterator<String> keys = ev.path("summary").fieldNames();
        List<String> stats = new ArrayList<>();
        keys.forEachRemaining(stats::add);
        stats.forEach(k -> s.append("<th class=\"num\">").append(Html.text(k)).append("</th>"));
        s.append("</tr><tr>");
        stats.forEach(k -> s.append("<td class=\"num\">").append(number(ev.path("summary").path(k))).append("</td>"));
        html.raw(s.append("</tr></table>").toString());

        JsonNode o = ev.path("outcomes");
        html.raw("<h3>Outcomes at IoU " + number(o.path("iouThreshold")) + "</h3>");
        StringBuilder out = new StringBuilder("<table><tr><th class=\"num\">TP</th><th class=\"num\">FP</th><th class=\"num\">FN"
                + "</th><th class=\"num\">precision</th><th class=\"num\">recall</th><th>false positives by reason</th></tr><tr>");
        out.append("<td class=\"num\">").append(o.path("tp").asLong()).append("</td><td class=\"num\">").append(o.path("fp").asLong())
                .append("</td><td class=\"num\">").append(o.path("fn").asLong()).append("</td><td class=\"num\">")
                .append(number(o.path("precision"))).append("</td><td class=\"num\">").append(number(o.path("recall")))
                .append("</td><td>");
        List<String> reasons = new ArrayList<>();
        o.path("fpReasons").fields().forEachRemaining(e -> reasons.add(e.getKey() + " " + e.getValue().asLong()));
        html.raw(out.append(Html.text(String.join(", ", reasons))).append("</td></tr></table>").toString());

        html.raw("<h3>Per class</h3>");
        StringBuilder pc = new StringBuilder("<table><tr><th>class</th><th class=\"num\">AP</th><th class=\"num\">AP50</th>"
                + "<th class=\"num\">AP75</th><th class=\"num\">AR</th><th class=\"num\">TP</th><th class=\"num\">FP</th>"
                + "<th class=\"num\">FN</th></tr>");
        for (JsonNode c : ev.path("perClass")) {
            pc.append("<tr><td><span class=\"swatch\" style=\"background:").append(ClassColours.of(c.path("id").asInt()))
                    .append("\"></span>").append(Html.text(c.path("name").asText())).append("</td>");
            for (String k : List.of("ap", "ap50", "ap75", "ar")) {
                pc.append("<td class=\"num\">").append(number(c.path(k))).append("</td>");
            }
            for (String k : List.of("tp", "fp", "fn")) {
                pc.append("<td class=\"num\">").append(c.path(k).asLong()).append("</td>");
            }
            pc.append("</tr>");
        }
        html.raw(pc.append("</table>").toString());

        List<Svg.Curve> curves = new ArrayList<>();
        for (JsonNode c : ev.path("prCurves")) {
            if (Math.abs(c.path("iouThreshold").asDouble() - 0.5) < 1e-9 && curves.size() < 20) {
                curves.add(new Svg.Curve(c.path("name").asText(), doubles(c.path("recall")), doubles(c.path("precision")),
                        ClassColours.of(c.path("categoryId").asInt())));
            }
        }
        if (!curves.isEmpty()) {
            html.raw("<h3>Precision-recall curves at IoU 0.5</h3>");
            html.raw(Svg.prCurves(curves, 420, 300));
        }
        JsonNode slices = ev.path("worstSlices");
        html.raw("<h3>Worst slices</h3>");
        html.note("Groups of objects, described by metric conditions, where recall (of the labels) or precision (of the "
                + "predictions) falls furthest below the overall rate (at least " + slices.path("recallMinSupport").asInt()
                + " items, ranked by a Wilson-interval score).");
        StringBuilder w = new StringBuilder("<ul>");
        int n = 0;
        for (String key : List.of("byRecall", "byPrecision")) {
            for (JsonNode sl : slices.path(key)) {
                if (n++ < 10) {
                    w.append("<li>").append(Html.text(sl.path("description").asText())).append("</li>");
                }
            }
        }
        html.raw(n == 0 ? "<p class=\"note\">No slice with enough items falls below the overall rate.</p>"
                : w.append("</ul>").toString());
    }

    static void classification(HtmlReport html, JsonNode ev) {
        StringBuilder s = new StringBuilder("<table><tr><th class=\"num\">items</th><th class=\"num\">accuracy</th>");
        List<String> ks = new ArrayList<>();
        ev.path("topK").fieldNames().forEachRemaining(ks::add);
        ks.forEach(k -> s.append("<th class=\"num\">top-").append(Html.text(k)).append("</th>"));
        s.append("<th class=\"num\">macro F1</th><th class=\"num\">weighted F1</th></tr><tr><td class=\"num\">")
                .append(ev.path("items").asLong()).append("</td><td class=\"num\">").append(number(ev.path("accuracy")))
                .append("</td>");
        ks.forEach(k -> s.append("<td class=\"num\">").append(number(ev.path("topK").path(k))).append("</td>"));
        s.append("<td class=\"num\">").append(number(ev.path("macro").path("f1"))).append("</td><td class=\"num\">")
                .append(number(ev.path("weighted").path("f1"))).append("</td></tr></table>");
        html.raw(s.toString());
        List<String> left = new ArrayList<>();
        ev.path("leftOut").fields().forEachRemaining(e -> left.add(e.getValue().asLong() + " " + e.getKey()));
        if (!left.isEmpty()) {
            html.note("Left out: " + String.join(", ", left) + ".");
        }
        html.raw("<h3>Per class</h3>");
        StringBuilder pc = new StringBuilder("<table><tr><th>class</th><th class=\"num\">precision</th><th class=\"num\">recall"
                + "</th><th class=\"num\">F1</th><th class=\"num\">support</th></tr>");
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (JsonNode c : ev.path("perClass")) {
            names.add(c.path("name").asText());
            ids.add(c.path("id").asInt());
            pc.append("<tr><td><span class=\"swatch\" style=\"background:").append(ClassColours.of(c.path("id").asInt()))
                    .append("\"></span>").append(Html.text(c.path("name").asText())).append("</td><td class=\"num\">")
                    .append(number(c.path("precision"))).append("</td><td class=\"num\">").append(number(c.path("recall")))
                    .append("</td><td class=\"num\">").append(number(c.path("f1"))).append("</td><td class=\"num\">")
                    .append(c.path("support").asLong()).append("</td></tr>");
        }
        html.raw(pc.append("</table>").toString());
        JsonNode m = ev.path("confusion");
        if (m.isArray() && m.size() > 0 && m.size() <= 40) {
            html.raw("<h3>Confusion matrix</h3>");
            html.note("Rows: the labelled class; columns: the predicted (top-1) class; shade: share of the row.");
            StringBuilder t = new StringBuilder("<table class=\"heat\"><tr><th></th>");
            names.forEach(n -> t.append("<th class=\"num\">").append(Html.text(n)).append("</th>"));
            t.append("</tr>");
            for (int r = 0; r < m.size(); r++) {
                long total = 0;
                for (JsonNode v : m.get(r)) {
                    total += v.asLong();
                }
                t.append("<tr><th>").append(Html.text(r < names.size() ? names.get(r) : "?")).append("</th>");
                for (int c = 0; c < m.get(r).size(); c++) {
                    long v = m.get(r).get(c).asLong();
                    double share = total == 0 ? 0 : (double) v / total;
                    t.append(String.format(java.util.Locale.ROOT, "<td style=\"background:rgba(37,99,235,%.2f);color:%s\">%d</td>",
                            share * 0.85, share > 0.5 ? "#fff" : "inherit", v));
                }
                t.append("</tr>");
            }
            html.raw(t.append("</table>").toString());
        }
    }

    private static String number(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "–" : Html.number(v.asDouble());
    }

    private static double[] doubles(JsonNode array) {
        double[] d = new double[array.size()];
        for (int i = 0; i < d.length; i++) {
            JsonNode v = array.get(i);
            d[i] = v.isNull() ? Double.NaN : v.asDouble();
        }
        return d;
    }
}
