import { get, type IssueKindInfo, type SearchPage } from "../api";
import { appData } from "../app";
import { bars } from "../charts";
import { classColour } from "../draw";
import { emptyState, formatNumber, h, spinner, clear } from "../dom";
import { explorerHref } from "../filter";
import { go } from "../router";
import { card, header, pill, stat, thumbCanvas } from "./common";

export async function renderSummary(page: HTMLElement): Promise<void> {
  page.appendChild(spinner());
  const d = await appData();
  clear(page);
  const s = d.summary;
  const a = d.summary.analysis.summary;
  const run = a.lastRun;
  page.appendChild(header("Summary", `${s.format.toUpperCase()} labels · images in ${s.imagesRoot}`,
    h("a", { class: "btn primary", href: "#/explorer" }, "Open Explorer")));

  const flaggedImages = d.summary.imageIssues.filter((k) => k.source === "rule").reduce((n, k) => n + k.count, 0);
  page.appendChild(h("div", { class: "stats" },
    stat("Images", formatNumber(s.images), Object.entries(s.splits).map(([k, v]) => `${k} ${v}`).join(" · ")),
    stat("Annotations", formatNumber(s.annotations), Object.entries(s.annotationsByKind).map(([k, v]) => `${v} ${k}`).join(" · ")),
    stat("Classes", formatNumber(s.categories.length)),
    stat("Import issues", formatNumber(s.issues.total), s.issues.total === 0 ? "every label passed" : `${s.issues.byKind.length} kinds`),
    stat("Image findings", formatNumber(flaggedImages), "flags from the issue rules"),
    stat("Analysis", run ? run.status : "not run", run ? `${a.imageMetrics.length + a.annotationMetrics.length} metrics · ${a.failures} failures`
      : "run: loupe analyze PROJECT")));

  const grid = h("div", { class: "grid-2" });
  page.appendChild(grid);

  const classChart = h("div", { class: "chart", style: `height:${Math.max(160, 44 * s.categories.length + 50)}px` });
  const totalAnnotations = Math.max(1, s.annotations);
  const classTable = h("table", { class: "table" },
    h("thead", {}, h("tr", {}, h("th", {}, "class"), h("th", { class: "num" }, "annotations"), h("th", { class: "num" }, "share"),
      h("th", { class: "num" }, "images"), h("th", { class: "num" }, "per image"))),
    h("tbody", {}, s.categories.map((c) => h("tr", {},
      h("td", {}, h("a", { class: "link", href: explorerHref({ scope: "annotation", classes: [c.name] }) },
        h("i", { class: "dot", style: `background:${classColour(c.id)}` }), c.name)),
      h("td", { class: "num" }, formatNumber(c.annotations)),
      h("td", { class: "num" }, `${(100 * c.annotations / totalAnnotations).toFixed(1)}%`),
      h("td", { class: "num" }, formatNumber(c.images)),
      h("td", { class: "num" }, c.images ? (c.annotations / c.images).toFixed(1) : "–")))));
  grid.appendChild(card("Class balance", s.categories.length ? h("div", {}, classChart, classTable)
    : emptyState("No classes", "This project has no categories.")));
  if (s.categories.length) {
    const accent2 = getComputedStyle(document.documentElement).getPropertyValue("--accent-2").trim();
    requestAnimationFrame(() => bars(classChart, s.categories.map((c) => c.name), [
      { name: "annotations", values: s.categories.map((c) => c.annotations) },
      { name: "images", values: s.categories.map((c) => c.images), colour: accent2 },
    ], { horizontal: true, stack: false, onClick: (name) => go(explorerHref({ scope: "annotation", classes: [name] })) }));
  }

  const stats = [...d.summary.analysis.imageOutliers, ...d.summary.analysis.annotationOutliers].filter((m) => (m.moderate ?? 0) + (m.severe ?? 0) > 0)
    .sort((x, y) => ((y.severe ?? 0) + (y.moderate ?? 0)) - ((x.severe ?? 0) + (x.moderate ?? 0))).slice(0, 14);
  const outlierChart = h("div", { class: "chart", style: `height:${Math.max(180, 26 * stats.length + 60)}px` });
  grid.appendChild(card("Metric outliers", stats.length ? outlierChart
    : emptyState("No outliers", run ? "No metric has values beyond 1.5·IQR." : "Run 'loupe analyze' to compute metrics."),
  h("span", { class: "hint" }, "items beyond 1.5·IQR (moderate) and 2.5·IQR (severe) · click to explore")));
  if (stats.length) {
    const css = getComputedStyle(document.documentElement);
    requestAnimationFrame(() => bars(outlierChart, stats.map((m) => m.metricId), [
      { name: "moderate", values: stats.map((m) => m.moderate ?? 0), colour: css.getPropertyValue("--warn").trim() },
      { name: "severe", values: stats.map((m) => m.severe ?? 0), colour: css.getPropertyValue("--danger").trim() },
    ], { horizontal: true, onClick: (id) => {
      // The outliers themselves: beyond the 1.5·IQR bound on the side where the values reach furthest from the median.
      const m = stats.find((x) => x.metricId === id)!;
      const lowHeavy = m.median !== null && m.min !== null && m.max !== null && (m.median - m.min) > (m.max - m.median);
      const iqr = m.q1 !== null && m.q3 !== null ? m.q3 - m.q1 : null;
      const ranges = iqr === null ? [] : [lowHeavy ? { metric: id, min: "", max: String(m.q1! - 1.5 * iqr) }
        : { metric: id, min: String(m.q3! + 1.5 * iqr), max: "" }];
      go(explorerHref({ scope: m.scope, sort: id, order: lowHeavy ? "asc" : "desc", ranges }));
    } }));
  }

  const kinds = [...d.summary.imageIssues, ...d.summary.annotationIssues].filter((k) => k.count > 0);
  const list = h("div", { class: "issue-list" });
  page.appendChild(card("Issues by kind", kinds.length ? list
    : emptyState("No issues found", run ? "No rule flags anything and the import recorded no item issue." : "Run 'loupe analyze' to check images and labels."),
  h("a", { class: "hint link", href: "#/labels" }, "Label quality →")));
  for (const k of kinds) list.appendChild(issueRow(k));

  if (s.issues.total > 0) {
    page.appendChild(card("Import log", h("table", { class: "table" },
      h("thead", {}, h("tr", {}, h("th", {}, "kind"), h("th", {}, "severity"), h("th", { class: "num" }, "count"), h("th", {}, "example"))),
      h("tbody", {}, s.issues.byKind.map((k) => h("tr", {},
        h("td", {}, k.kind), h("td", {}, pill(k.severity, k.severity)), h("td", { class: "num" }, formatNumber(k.count)),
        h("td", { class: "muted" }, k.examples[0] ? `${k.examples[0].file ?? ""} ${k.examples[0].location ?? ""}: ${k.examples[0].message}` : "")))))));
  }
}

function issueRow(k: IssueKindInfo): HTMLElement {
  const href = explorerHref({ scope: k.scope, issues: [k.kind] });
  const strip = h("div", { class: "strip" });
  get<SearchPage>(`/api/search?scope=${k.scope}&issue=${encodeURIComponent(k.kind)}&limit=6`).then((p) => {
    p.items.forEach((hit) => strip.appendChild(h("a", { href: `#/item/${hit.imageId}?${k.scope === "annotation" ? `focus=${hit.id}` : ""}`,
      class: "strip-item" }, thumbCanvas(hit, k.scope === "annotation", 128))));
  }).catch(() => strip.appendChild(h("span", { class: "muted" }, "examples unavailable")));
  return h("div", { class: "issue-row" },
    h("div", { class: "issue-meta" },
      h("a", { href, class: "issue-kind" }, k.kind),
      h("div", { class: "issue-count" }, formatNumber(k.count), h("span", { class: "muted" }, ` ${k.scope}s`)),
      h("div", { class: "muted small" }, k.description),
      h("div", {}, pill(k.source === "rule" ? "rule" : "import", k.source))),
    strip);
}
