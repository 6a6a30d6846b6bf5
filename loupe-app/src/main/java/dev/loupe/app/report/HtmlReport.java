package dev.loupe.app.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's HTML, built section by section: one page, inline CSS, a content security policy
 * that forbids any network access (images are {@code data:} URIs, charts inline SVG).
 */
final class HtmlReport {
    private static final String CSS = """
            :root { --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #f9fafb; --accent: #2563eb; }
            * { box-sizing: border-box; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); margin: 0; background: var(--bg); }
            header { background: #111827; color: #fff; padding: 18px 28px; }
            header h1 { margin: 0 0 4px; font-size: 22px; }
            header p { margin: 0; color: #d1d5db; }
            nav { padding: 8px 28px; background: #fff; border-bottom: 1px solid var(--line); position: sticky; top: 0; z-index: 1; }
            nav a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
            main { padding: 8px 28px 40px; max-width: 1280px; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 16px 0; }
            h2 { font-size: 18px; margin: 0 0 8px; }
            h3 { font-size: 15px; margin: 14px 0 6px; }
            p.note { color: var(--muted); margin: 4px 0 10px; }
            table { border-collapse: collapse; margin: 6px 0 10px; }
            th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            .grid { display: flex; flex-wrap: wrap; gap: 10px; }
            figure { margin: 0; width: min-content; }
            figure img { display: block; border-radius: 4px; background: #000; }
            figcaption { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
            .missing { width: 160px; height: 120px; display: flex; align-items: center; justify-content: center;
                       background: #f3f4f6; color: var(--muted); font-size: 12px; text-align: center; border-radius: 4px; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 12px; }
            .chart h4 { margin: 0 0 2px; font-size: 13px; overflow-wrap: anywhere; }
            .chart p { margin: 0; font-size: 12px; color: var(--muted); }
            svg text { font-size: 11px; fill: #374151; }
            svg .bin { fill: #60a5fa; }
            svg .bound { stroke: #dc2626; stroke-dasharray: 3 2; }
            svg .frame { fill: none; stroke: #d1d5db; }
            svg .curve { stroke-width: 2; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
            details > summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
            .heat td { text-align: right; min-width: 44px; }
            """;
    private final StringBuilder body = new StringBuilder();
    private final List<String[]> toc = new ArrayList<>();
    private final List<String> titles = new ArrayList<>();

    /** Starts a section with an anchor in the navigation bar. */
    HtmlReport section(String id, String title) {
        if (!toc.isEmpty()) {
            body.append("</section>\n");
        }
        toc.add(new String[] {id, title});
        titles.add(title);
        body.append("<section id=\"").append(Html.attr(id)).append("\"><h2>").append(Html.text(title)).append("</h2>\n");
        return this;
    }

    /** Raw HTML the caller built with {@link Html}'s escaping. */
    HtmlReport raw(String html) {
        body.append(html).append('\n');
        return this;
    }

    HtmlReport note(String text) {
        return raw("<p class=\"note\">" + Html.text(text) + "</p>");
    }

    List<String> titles() {
        return List.copyOf(titles);
    }

    /** The whole document. */
    String document(String title, String subtitle) {
        StringBuilder s = new StringBuilder(body.length() + 8192);
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.text(title)).append("</title>\n<style>").append(CSS).append("</style></head>\n")
                .append("<body><header><h1>").append(Html.text(title)).append("</h1><p>").append(Html.text(subtitle))
                .append("</p></header>\n<nav>");
        for (String[] t : toc) {
            s.append("<a href=\"#").append(Html.attr(t[0])).append("\">").append(Html.text(t[1])).append("</a>");
        }
        s.append("</nav>\n<main>\n").append(body);
        if (!toc.isEmpty()) {
            s.append("</section>\n");
        }
        return s.append("</main></body></html>\n").toString();
    }
}
