import { blob, get, post, type Distribution, type EmbeddingMapView, type Hit, type IssueKindInfo, type Scatter, type SearchPage } from "../api";
import { appData, metricTitle, numericMetrics, refreshAppData, type AppData } from "../app";
import { binnedScatter, histogram, pointMap } from "../charts";
import { classColour, className } from "../draw";
import { clear, emptyState, formatNumber, h, spinner, toast } from "../dom";
import { filterParams, isFiltered, PAGE_SIZE, parse, searchQuery, viewParams, type ViewState } from "../filter";
import { go } from "../router";
import { card, displayControls, header, outcomeLabel, outcomeLegend, redrawThumbnails, thumbCanvas } from "./common";
import { outcomeKind } from "../draw";

const selection = { scope: "image", ids: new Set<number>() };

export async function renderExplorer(page: HTMLElement, query: string): Promise<void> {
  const s = parse(query);
  if (selection.scope !== s.scope) {
    selection.scope = s.scope;
    selection.ids.clear();
  }
  page.appendChild(spinner());
  const d = await appData();
  const update = (change: Partial<ViewState>) => go("#/explorer?" + viewParams({ ...s, page: 0, ...change }).toString());

  const results = h("div", { class: "results" }, spinner("Searching…"));
  clear(page);
  const countLabel = h("span", {}, "…");
  page.appendChild(header("Explorer", "", ...exportButtons(s)));
  page.querySelector(".subtitle")!.append(countLabel, ` ${SCOPE_NOUN[s.scope]} match`,
    isFiltered(s) ? " the filter" : "", s.set ? ` · outcomes of ${s.set} at IoU ${s.iou}` : "");
  page.appendChild(h("div", { class: "explorer" }, filterPanel(d, s, update), results));

  const result = await get<SearchPage>(`/api/search?${searchQuery(s, s.page * PAGE_SIZE, PAGE_SIZE)}`);
  countLabel.textContent = formatNumber(result.total);
  clear(results);
  const chartMetric = s.sort !== "id" && s.sort !== "ids" ? s.sort : s.ranges[0]?.metric;
  // The grid comes first: the histogram and the scatter open on demand (charts=1 in the URL keeps them open).
  const chartsToggle = h("button", { class: `btn ghost charts-toggle${s.charts ? " open" : ""}`, "data-action": "toggle-charts",
    "aria-expanded": String(s.charts), title: "Histogram of the sorted metric and a scatter of two metrics (or the embedding map)",
    onclick: () => go("#/explorer?" + viewParams({ ...s, charts: !s.charts }).toString()) },
  s.charts ? "▾ Charts" : `▸ Charts${chartMetric ? `: ${metricTitle(d, chartMetric)}` : ""}`);
  const hasMap = s.scope !== "prediction" && d.metrics.some((m) => m.id === `${s.scope}.embedding_map_x`);
  const mapToggle = hasMap ? h("button", { class: `btn ghost charts-toggle${s.map ? " open" : ""}`, "data-action": "toggle-map",
    "aria-expanded": String(s.map), title: "The embedding map: look-alike items lie close together; select a region with a box or a lasso",
    onclick: () => go("#/explorer?" + viewParams({ ...s, map: !s.map }).toString()) }, s.map ? "▾ Map" : "▸ Map") : null;
  if (s.map && hasMap) results.appendChild(mapCard(d, s));
  if (s.charts) {
    results.appendChild(distributionCard(d, s, chartMetric));
    results.appendChild(scatterCard(d, s, update));
  }
  if (s.set) results.appendChild(outcomeLegend());
  results.appendChild(selectionBar(s, result, h("span", { class: "row" }, chartsToggle, mapToggle)));
  if (result.items.length === 0) {
    results.appendChild(emptyState("Nothing matches", isFiltered(s) ? "No item meets every condition. Remove a filter to widen the view."
      : "This project has no items of this kind.",
    isFiltered(s) ? h("button", { class: "btn", onclick: () => update({ classes: [], tags: [], issues: [], splits: [], ranges: [], path: "", ids: [] }) }, "Clear filters") : undefined));
    return;
  }
  results.appendChild(displayControls(redrawThumbnails, { predictions: Boolean(s.set), sizes: true }));
  const grid = h("div", { class: "thumb-grid", "data-testid": "grid" });
  result.items.forEach((hit, i) => {
    const index = s.page * PAGE_SIZE + i;
    const selected = selection.ids.has(hit.id);
    const box = h("input", { type: "checkbox", class: "select", checked: selected, title: "Select", onclick: (e: Event) => {
      e.stopPropagation();
      const on = (e.target as HTMLInputElement).checked;
      if (on) selection.ids.add(hit.id); else selection.ids.delete(hit.id);
      cardEl.classList.toggle("selected", on);
      refreshSelectionCount();
    } });
    const own = s.scope === "prediction" ? hit.predictions?.find((p) => p.id === hit.id) : undefined;
    const href = `#/item/${hit.imageId}?` + new URLSearchParams({ ...(s.scope === "annotation" ? { focus: String(hit.id) } : {}),
      ...(s.scope === "prediction" ? { pred: String(hit.id) } : {}),
      ctx: viewParams(s).toString(), i: String(index) }).toString();
    const cardEl = h("a", { class: `thumb-card${selected ? " selected" : ""}`, href, "data-id": hit.id },
      thumbCanvas(hit, s.scope === "annotation", 256, s.scope === "prediction", Boolean(s.set)), box,
      h("div", { class: "thumb-caption" },
        h("span", { class: "thumb-name", title: hit.path }, s.scope === "annotation"
          ? [h("i", { class: "dot", style: `background:${classColour(hit.shapes.find((x) => x.id === hit.id)?.categoryId ?? null)}` }), `${hit.category ?? "?"} #${hit.id}`]
          : s.scope === "prediction" ? `${hit.category ?? "?"} #${hit.id}`
          : hit.path.split("/").slice(-2).join("/")),
        hit.top1 ? top1Caption(hit) : null,
        own ? h("span", { class: `outcome-pill ${outcomeKind(own.outcome)}`, "data-outcome": own.outcome,
          title: own.iou !== null ? `IoU ${formatNumber(own.iou)} with annotation #${own.annotationId}` : "" }, outcomeLabel(own.outcome)) : null,
        s.sort !== "id" && s.sort !== "ids" ? h("span", { class: "thumb-value", title: s.sort }, formatNumber(hit.sortValue)) : null));
    grid.appendChild(cardEl);
  });
  results.appendChild(grid);
  results.appendChild(pager(s, result.total, update));
}

/** "→ dog 0.62": a classification set's top-1 class on the image, red when it is not the image's label. */
function top1Caption(hit: Hit): HTMLElement {
  const t = hit.top1!;
  const labels = hit.shapes.filter((x) => x.kind === "label").map((x) => className(x.categoryId));
  const wrong = labels.length > 0 && !labels.includes(t.category);
  return h("span", { class: `top1${wrong ? " differs" : ""}`, "data-testid": "top1",
    title: `${labels.length ? `labelled ${labels.join(", ")}; ` : ""}the set's most probable class` }, `→ ${t.category} ${t.probability.toFixed(2)}`);
}

let refreshSelectionCount = () => undefined as void;
/** Relabels the export buttons after the selection changes ("Export 2 selected"). */
let exportLabels = () => undefined as void;

const SCOPE_NOUN: Record<string, string> = { image: "images", annotation: "annotations", prediction: "predictions" };
const IOU_GRID = Array.from({ length: 19 }, (_, i) => ((i + 1) / 20).toFixed(2).replace(/0$/, ""));
const OUTCOMES: Record<string, { value: string; label: string }[]> = {
  prediction: [{ value: "tp", label: "TP" }, { value: "fp", label: "FP (any reason)" }, { value: "duplicate", label: "FP · duplicate" },
    { value: "wrong_class", label: "FP · wrong class" }, { value: "localisation", label: "FP · localisation" },
    { value: "background", label: "FP · background" }],
  annotation: [{ value: "tp", label: "TP (matched)" }, { value: "fn", label: "FN (missed)" }],
  image: [{ value: "fp", label: "has an FP" }, { value: "fn", label: "has an FN" }, { value: "tp", label: "has a TP" }],
};

/** A classification set's top-1 predictions: which set, misclassified only, which predicted classes. */
function classifierFacet(d: AppData, s: ViewState, update: (c: Partial<ViewState>) => void): HTMLElement | null {
  const sets = d.summary.predictionSets.filter((p) => p.kind === "classification");
  if (sets.length === 0 || s.scope === "prediction") return null;
  const select = h("select", { class: "input", "aria-label": "Classification set", onchange: (e: Event) => {
    const v = (e.target as HTMLSelectElement).value;
    update(v ? { classifier: v } : { classifier: "", predicted: [], wrong: false });
  } }, h("option", { value: "" }, "none"), sets.map((p) => h("option", { value: p.name, selected: p.name === s.classifier }, p.name)));
  select.value = s.classifier;
  const toggle = (v: string) => update({ predicted: s.predicted.includes(v) ? s.predicted.filter((x) => x !== v) : [...s.predicted, v] });
  return h("fieldset", { class: "facet", "data-facet": "classifier" }, h("legend", {}, "Classifier"), select,
    s.classifier ? [
      h("label", { class: "check" }, h("input", { type: "checkbox", checked: s.wrong, "data-filter": "wrong",
        onchange: () => update({ wrong: !s.wrong }) }), h("span", { class: "check-label" }, "misclassified only")),
      h("div", { class: "muted small" }, "predicted class"),
      d.summary.categories.map((c) => h("label", { class: "check" },
        h("input", { type: "checkbox", value: c.name, checked: s.predicted.includes(c.name), onchange: () => toggle(c.name) }),
        h("span", { class: "check-label" }, h("i", { class: "dot", style: `background:${classColour(c.id)}` }), c.name)))]
      : h("p", { class: "muted small" }, "Pick a set to see its predicted class on each image and find misclassified ones."));
}

/** Prediction set, IoU and outcome controls; the URL keeps them like the other filters. */
function outcomeFacet(d: AppData, s: ViewState, update: (c: Partial<ViewState>) => void): HTMLElement | null {
  const sets = d.summary.predictionSets.filter((p) => p.kind === "detection");
  if (sets.length === 0) return null;
  const setSelect = h("select", { class: "input", "aria-label": "Prediction set", onchange: (e: Event) => {
    const v = (e.target as HTMLSelectElement).value;
    update(v ? { set: v } : { set: "", outcomes: [], ...(s.scope === "prediction" ? { scope: "image" as const, sort: "id", ranges: [] } : {}) });
  } }, s.scope === "prediction" ? null : h("option", { value: "" }, "none"),
  sets.map((p) => h("option", { value: p.name, selected: p.name === s.set }, `${p.name} (${formatNumber(p.predictions)})`)));
  setSelect.value = s.set;
  const iouSelect = h("select", { class: "input", "aria-label": "IoU threshold", disabled: !s.set,
    onchange: (e: Event) => update({ iou: (e.target as HTMLSelectElement).value }) },
  IOU_GRID.map((v) => h("option", { value: v, selected: Number(v) === Number(s.iou) }, `IoU ${v}`)));
  const toggle = (v: string) => update({ outcomes: s.outcomes.includes(v) ? s.outcomes.filter((x) => x !== v) : [...s.outcomes, v] });
  return h("fieldset", { class: "facet", "data-facet": "outcomes" }, h("legend", {}, "Prediction outcomes"),
    h("div", { class: "row" }, setSelect, iouSelect),
    s.set ? (OUTCOMES[s.scope] ?? []).map((o) => h("label", { class: "check" },
      h("input", { type: "checkbox", value: o.value, checked: s.outcomes.includes(o.value), onchange: () => toggle(o.value) }),
      h("span", { class: "check-label" }, o.label))) : h("p", { class: "muted small" }, "Pick a set to draw TP/FP/FN and filter by outcome."));
}

function filterPanel(d: AppData, s: ViewState, update: (c: Partial<ViewState>) => void): HTMLElement {
  const metrics = numericMetrics(d, s.scope);
  const sortSelect = h("select", { class: "input", "aria-label": "Sort by", onchange: (e: Event) =>
    update({ sort: (e.target as HTMLSelectElement).value }) },
  h("option", { value: "id" }, "id (import order)"),
  s.ids.length ? h("option", { value: "ids", selected: s.sort === "ids" }, "similarity (the list's order)") : null,
  s.scope === "prediction" ? h("option", { value: "prediction.score", selected: s.sort === "prediction.score" }, "Score · prediction.score") : null,
  metrics.map((m) => h("option", { value: m.id, selected: m.id === s.sort }, `${m.title} · ${m.id}`)));
  sortSelect.value = s.sort;
  const orderButton = h("button", { class: "btn icon", "aria-label": "Sort order", title: s.order === "asc" ? "Ascending: lowest first" : "Descending: highest first",
    onclick: () => update({ order: s.order === "asc" ? "desc" : "asc" }) }, s.order === "asc" ? "↑ asc" : "↓ desc");

  const issues: IssueKindInfo[] = s.scope === "image" ? d.summary.imageIssues : s.scope === "annotation" ? d.summary.annotationIssues : [];
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const checks = (name: string, values: { value: string; label: Node | string; count?: number }[], chosen: string[],
                  key: "classes" | "tags" | "issues" | "splits") => h("fieldset", { class: "facet", "data-facet": key },
    h("legend", {}, name),
    values.length === 0 ? h("p", { class: "muted small" }, "none") : null,
    values.map((v) => h("label", { class: "check" },
      h("input", { type: "checkbox", checked: chosen.includes(v.value), value: v.value,
        onchange: () => update({ [key]: toggle(chosen, v.value) } as Partial<ViewState>) }),
      h("span", { class: "check-label" }, v.label),
      v.count !== undefined ? h("span", { class: "count" }, formatNumber(v.count)) : null)));

  const ranges = h("fieldset", { class: "facet", "data-facet": "ranges" }, h("legend", {}, "Metric ranges"),
    s.ranges.map((r, i) => {
      const set = (field: "min" | "max", v: string) => update({ ranges: s.ranges.map((x, j) => (j === i ? { ...x, [field]: v.trim() } : x)) });
      return h("div", { class: "range" },
        h("div", { class: "range-head" }, h("span", { title: r.metric }, metricTitle(d, r.metric)),
          h("button", { class: "btn ghost tiny", "aria-label": "Remove range", onclick: () => update({ ranges: s.ranges.filter((_, j) => j !== i) }) }, "✕")),
        h("div", { class: "range-inputs" },
          h("input", { class: "input", type: "number", step: "any", placeholder: "min", value: r.min, "aria-label": `${r.metric} min`,
            onchange: (e: Event) => set("min", (e.target as HTMLInputElement).value) }),
          h("span", { class: "muted" }, "to"),
          h("input", { class: "input", type: "number", step: "any", placeholder: "max", value: r.max, "aria-label": `${r.metric} max`,
            onchange: (e: Event) => set("max", (e.target as HTMLInputElement).value) })));
    }),
    h("select", { class: "input", "aria-label": "Add a metric range", onchange: (e: Event) => {
      const v = (e.target as HTMLSelectElement).value;
      if (v) update({ ranges: [...s.ranges, { metric: v, min: "", max: "" }] });
    } }, h("option", { value: "" }, "+ add a range…"), metrics.map((m) => h("option", { value: m.id }, m.title))));

  const cats = d.summary.categories;
  const detectionSets = d.summary.predictionSets.filter((p) => p.kind === "detection");
  const scopes = detectionSets.length > 0 ? (["image", "annotation", "prediction"] as const) : (["image", "annotation"] as const);
  // On a narrow screen the filters fold away above the grid (one tap opens them); on a wide one they stay beside it.
  const wide = matchMedia("(min-width: 1101px)").matches;
  const active = s.classes.length + s.tags.length + s.issues.length + s.splits.length + s.ranges.length + s.outcomes.length
    + s.predicted.length + (s.path ? 1 : 0) + (s.where ? 1 : 0) + (s.wrong ? 1 : 0) + (s.ids.length ? 1 : 0) + (s.classifier ? 1 : 0) + (s.set ? 1 : 0);
  return h("aside", { class: "filters", "aria-label": "Filters" }, h("details", { class: "filter-fold", open: wide },
    h("summary", { class: "filter-summary" }, `Filters and sort${active ? ` · ${active} active` : ""}`),
    h("div", { class: "segmented", role: "tablist" },
      scopes.map((sc) => h("button", { class: `seg${s.scope === sc ? " active" : ""}`, role: "tab", "data-scope": sc,
        "aria-selected": s.scope === sc ? "true" : "false",
        onclick: () => go("#/explorer?" + viewParams({ ...s, scope: sc, sort: sc === "prediction" ? "prediction.score" : "id",
          order: sc === "prediction" ? "desc" : "asc", ranges: [], issues: [], tags: [], outcomes: [], page: 0,
          set: sc === "prediction" && !s.set ? detectionSets[0].name : s.set }).toString()) },
      sc === "image" ? "Images" : sc === "annotation" ? "Annotations" : "Predictions"))),
    s.ids.length ? h("fieldset", { class: "facet", "data-facet": "ids" }, h("legend", {}, "Chosen items"),
      h("div", { class: "row" }, h("span", {}, `${formatNumber(s.ids.length)} ${SCOPE_NOUN[s.scope]} by id`),
        h("button", { class: "btn ghost tiny", "aria-label": "Drop the id list", onclick: () => update({ ids: [] }) }, "✕"))) : null,
    h("fieldset", { class: "facet" }, h("legend", {}, "File name"),
      h("input", { class: "input", type: "search", placeholder: "part of the path…", value: s.path, "aria-label": "Search by file name",
        onchange: (e: Event) => update({ path: (e.target as HTMLInputElement).value.trim() }) })),
    h("fieldset", { class: "facet", "data-facet": "where" }, h("legend", {}, "Filter as text"),
      h("input", { class: "input", type: "search", placeholder: "image.brightness<0.2 and class=WBC", value: s.where,
        "aria-label": "Filter as text, as loupe export --where takes it",
        onchange: (e: Event) => update({ where: (e.target as HTMLInputElement).value.trim() }) })),
    outcomeFacet(d, s, update),
    classifierFacet(d, s, update),
    h("fieldset", { class: "facet" }, h("legend", {}, "Sort"), h("div", { class: "row" }, sortSelect, orderButton)),
    s.scope === "prediction" ? null : checks("Issues", issues.map((k) => ({ value: k.kind, label: k.kind, count: k.count })), s.issues, "issues"),
    checks("Classes", cats.map((c) => ({ value: c.name, label: h("span", {}, h("i", { class: "dot", style: `background:${classColour(c.id)}` }), c.name),
      count: s.scope === "image" ? c.images : s.scope === "annotation" ? c.annotations : undefined })), s.classes, "classes"),
    Object.keys(d.summary.splits).length > 1
      ? checks("Splits", Object.entries(d.summary.splits).map(([k, v]) => ({ value: k, label: k, count: v })), s.splits, "splits") : null,
    s.scope === "prediction" ? null : checks("Tags", d.summary.tags.filter((t) => (s.scope === "image" ? t.images : t.annotations) > 0)
      .map((t) => ({ value: t.name, label: t.name, count: s.scope === "image" ? t.images : t.annotations })), s.tags, "tags"),
    ranges,
    isFiltered(s) ? h("button", { class: "btn ghost wide", onclick: () => update({ classes: [], tags: [], issues: [], splits: [], ranges: [], outcomes: [], path: "", where: "", predicted: [], wrong: false, ids: [] }) }, "Clear all filters") : null));
}

function distributionCard(d: AppData, s: ViewState, metric: string | undefined): HTMLElement {
  if (metric === "prediction.score") {
    return card("Distribution", h("p", { class: "muted" }, "Sorted by score. Pick a prediction metric to see its histogram."), null, "dist-card");
  }
  if (!metric) {
    return card("Distribution", h("p", { class: "muted" }, "Sort by a metric (or add a range) to see its histogram with quartiles and outlier bounds."), null, "dist-card");
  }
  const chart = h("div", { class: "chart hist", "data-testid": "histogram" });
  const stats = h("div", { class: "dist-stats" }, spinner(""));
  const body = h("div", {}, stats, chart);
  const c = card(`${metricTitle(d, metric)}`, body, h("code", { class: "hint" }, metric), "dist-card");
  const p = filterParams(s);
  p.set("metric", metric);
  p.set("bins", "40");
  get<Distribution>(`/api/distribution?${p}`).then((dist) => {
    clear(stats);
    stats.append(...[["n", dist.count], ["missing", dist.missing], ["min", dist.min], ["Q1", dist.q1], ["median", dist.median],
      ["Q3", dist.q3], ["max", dist.max], ["outliers", dist.moderate === null ? null : (dist.moderate ?? 0) + (dist.severe ?? 0)]]
      .map(([k, v]) => h("span", {}, h("span", { class: "muted" }, `${k} `), formatNumber(v as number | null))),
    h("span", { class: "dist-legend" }, "── median   ╌╌ Q1, Q3   ┈┈ 1.5·IQR outlier bounds"));
    if (!histogram(chart, dist, metric)) chart.replaceWith(h("p", { class: "muted" }, "No item in this selection has a value."));
  }).catch((e) => { clear(stats); stats.append(h("span", { class: "error-text" }, String(e.message ?? e))); });
  return c;
}

/** The map's colouring per scope ("" = class), and its selection tool, kept while the user moves around. */
const mapColour: Record<string, string> = {};
let mapTool: "rect" | "polygon" = "rect";

/**
 * The embedding map as points (a seeded sample of at most 20 000): coloured by class or a metric, the
 * current filter's items in colour and the rest grey, a thumbnail on hover. A box or a lasso selects
 * points: shown in the grid (by id), or tagged.
 */
function mapCard(d: AppData, s: ViewState): HTMLElement {
  const chart = h("div", { class: "chart map", "data-testid": "embedding-map" });
  const status = h("div", { class: "dist-stats" }, spinner(""));
  const picked = h("div", { class: "map-selection row", "data-testid": "map-selection" });
  const metrics = numericMetrics(d, s.scope).filter((m) => m.kind !== "identifier" && m.kind !== "coordinate");
  const colour = h("select", { class: "input", "aria-label": "Colour the map by", onchange: () => {
    mapColour[s.scope] = colour.value;
    c.replaceWith(mapCard(d, s));
  } }, h("option", { value: "" }, "colour: class"),
  d.summary.tags.filter((t) => (s.scope === "image" ? t.images : t.annotations) > 0)
    .map((t) => h("option", { value: `tag:${t.name}` }, `colour: tag ${t.name}`)),
  metrics.map((m) => h("option", { value: m.id }, `colour: ${m.title}`)));
  colour.value = mapColour[s.scope] ?? "";
  const tools = h("div", { class: "segmented small tools", role: "group", "aria-label": "Selection tool" },
    ([["rect", "Box"], ["polygon", "Lasso"]] as const).map(([t, label]) => h("button", { class: `seg${mapTool === t ? " active" : ""}`,
      "data-tool": t, onclick: () => { mapTool = t; c.replaceWith(mapCard(d, s)); } }, label)));
  const c = card("Embedding map", h("div", {}, status, chart, picked), h("div", { class: "row" }, tools, colour), "map-card");
  const p = filterParams(s);
  p.delete("ids");
  if (colour.value) p.set("colour", colour.value);
  get<EmbeddingMapView>(`/api/embedding-map?${p}`).then((m) => {
    clear(status);
    const matching = m.points.filter((x) => x.match).length;
    status.append(h("span", {}, `${formatNumber(m.points.length)} of ${formatNumber(m.total)} ${SCOPE_NOUN[s.scope]}`
      + (m.points.length < m.total ? " (a sample)" : "")),
    h("span", {}, isFiltered(s) ? `${formatNumber(matching)} meet the filter, the rest grey` : ""),
    h("span", { class: "dist-legend" }, mapTool === "rect" ? "Drag a box to select" : "Draw around points to select"));
    const names = new Map(d.summary.categories.map((k) => [k.name, k.id]));
    pointMap(chart, m.points, { byMetric: colour.value || null, tool: mapTool,
      colourOf: (name) => classColour(name === null ? null : names.get(name) ?? null),
      onSelect: (ids) => {
        clear(picked);
        if (ids.length === 0) return;
        const tag = h("input", { class: "input", placeholder: "tag name", "aria-label": "Tag the map selection", maxlength: 64 });
        picked.append(h("strong", {}, `${formatNumber(ids.length)} selected`),
          h("button", { class: "btn", "data-action": "map-show", onclick: () => {
            if (ids.length > 1000) toast(`Showing the first 1000 of ${formatNumber(ids.length)}: tag them to keep them all`);
            go("#/explorer?" + viewParams({ ...s, ids: ids.slice(0, 1000), page: 0 }).toString());
          } }, "Show in the grid"),
          tag, h("button", { class: "btn", "data-action": "map-tag", onclick: async () => {
            const name = tag.value.trim();
            if (!name) { tag.focus(); return; }
            try {
              const r = await post<{ changed: number }>("/api/tags/add", { name, scope: s.scope, ids: ids.slice(0, 10000) });
              toast(`Tagged ${r.changed} ${SCOPE_NOUN[s.scope]} '${name}'`);
              refreshAppData();
            } catch (e) { toast((e as Error).message, "error"); }
          } }, "Tag"));
      } });
  }).catch((e) => { clear(status); status.append(h("span", { class: "error-text" }, String(e.message ?? e))); });
  return c;
}

/** The scatter's axes per scope, kept while the user moves around the Explorer. */
const scatterAxes: Record<string, [string, string]> = {};
const SCATTER_DEFAULTS: Record<string, string[]> = {
  image: ["image.brightness", "image.blur_score_cleanvision", "image.entropy", "image.contrast", "image.width", "image.height"],
  annotation: ["annotation.relative_area", "annotation.aspect_ratio", "annotation.border_proximity", "annotation.width"],
};

function defaultAxes(ids: string[], scope: string): [string, string] | null {
  if (ids.length < 2) return null;
  const preferred = (SCATTER_DEFAULTS[scope] ?? []).filter((m) => ids.includes(m));
  const rest = ids.filter((m) => !preferred.includes(m));
  const pick = [...preferred, ...rest];
  return [pick[0], pick[1]];
}

function scatterCard(d: AppData, s: ViewState, update: (c: Partial<ViewState>) => void): HTMLElement {
  const ids = numericMetrics(d, s.scope).map((m) => m.id);
  const saved = scatterAxes[s.scope];
  const axes = saved && ids.includes(saved[0]) && ids.includes(saved[1]) ? saved : defaultAxes(ids, s.scope);
  if (!axes) {
    return card("Scatter", h("p", { class: "muted" }, "Two metrics are needed: run loupe analyze."), null, "scatter-card");
  }
  const chart = h("div", { class: "chart scatter", "data-testid": "scatter" });
  const stats = h("div", { class: "dist-stats" }, spinner(""));
  const select = (i: 0 | 1) => h("select", { class: "input", "aria-label": i === 0 ? "Scatter x metric" : "Scatter y metric",
    "data-axis": i === 0 ? "x" : "y", onchange: (e: Event) => {
      const next: [string, string] = [...axes];
      next[i] = (e.target as HTMLSelectElement).value;
      scatterAxes[s.scope] = next;
      c.replaceWith(scatterCard(d, s, update));
    } }, ids.map((m) => h("option", { value: m, selected: m === axes[i] }, metricTitle(d, m))));
  // 'loupe embed' stores each item's place on the 2-D embedding map as two metrics: the map is this scatter on them.
  const map: [string, string] = [`${s.scope}.embedding_map_x`, `${s.scope}.embedding_map_y`];
  const hasMap = ids.includes(map[0]) && ids.includes(map[1]);
  const onMap = axes[0] === map[0] && axes[1] === map[1];
  const mapButton = hasMap && !onMap ? h("button", { class: "btn tiny", "data-action": "embedding-map",
    title: "Scatter the items on the 2-D map of their embeddings (PCA); drag a box to select a region", onclick: () => {
      scatterAxes[s.scope] = map;
      c.replaceWith(scatterCard(d, s, update));
    } }, "Embedding map") : null;
  const c = card(onMap ? "Embedding map" : "Scatter", h("div", {}, stats, chart),
    h("div", { class: "row scatter-axes" }, mapButton, h("span", { class: "muted" }, "x"), select(0), h("span", { class: "muted" }, "y"), select(1)), "scatter-card");
  const p = filterParams(s);
  p.set("x", axes[0]);
  p.set("y", axes[1]);
  p.set("bins", "48");
  get<Scatter>(`/api/scatter?${p}`).then((sc) => {
    clear(stats);
    stats.append(h("span", {}, h("span", { class: "muted" }, "n "), formatNumber(sc.count)),
      h("span", {}, h("span", { class: "muted" }, "missing "), formatNumber(sc.missing)),
      h("span", { class: "dist-legend" }, "Drag a box to filter both ranges"));
    const set = (x: [number, number], y: [number, number]) => {
      const keep = s.ranges.filter((r) => r.metric !== axes[0] && r.metric !== axes[1]);
      const range = (metric: string, v: [number, number]) => ({ metric, min: String(v[0]), max: String(v[1]) });
      update({ ranges: axes[0] === axes[1] ? [...keep, range(axes[0], [Math.max(x[0], y[0]), Math.min(x[1], y[1])])]
        : [...keep, range(axes[0], x), range(axes[1], y)] });
    };
    if (!binnedScatter(chart, sc, metricTitle(d, axes[0]), metricTitle(d, axes[1]), set)) {
      chart.replaceWith(h("p", { class: "muted" }, "No item in this selection has both values."));
    }
  }).catch((e) => { clear(stats); stats.append(h("span", { class: "error-text" }, String(e.message ?? e))); });
  return c;
}

function selectionBar(s: ViewState, result: SearchPage, chartsToggle: HTMLElement): HTMLElement {
  const count = h("strong", {}, "");
  const tagInput = h("input", { class: "input", placeholder: "tag name", "aria-label": "Tag name", maxlength: 64 });
  const name = () => {
    const v = tagInput.value.trim();
    if (!v) { tagInput.focus(); toast("Type a tag name first", "error"); }
    return v;
  };
  const tagSelected = h("button", { class: "btn", "data-action": "tag-selected", onclick: async () => {
    const n = name();
    if (!n || selection.ids.size === 0) return;
    try {
      const r = await post<{ changed: number }>("/api/tags/add", { name: n, scope: s.scope, ids: [...selection.ids] });
      toast(`Tagged ${r.changed} ${SCOPE_NOUN[s.scope]} '${n}'`);
      selection.ids.clear();
      refreshAppData();
      go("#/explorer?" + viewParams({ ...s, tags: [n], page: 0 }).toString());
    } catch (e) { toast((e as Error).message, "error"); }
  } }, "Tag selected");
  const tagAll = h("button", { class: "btn", "data-action": "tag-all", onclick: async () => {
    const n = name();
    if (!n) return;
    try {
      const r = await post<{ changed: number }>(`/api/tags/matching?${filterParams(s)}`, { name: n });
      toast(`Tagged ${r.changed} of ${result.total} matching ${SCOPE_NOUN[s.scope]} '${n}'`);
      refreshAppData();
      go("#/explorer?" + viewParams({ ...s, tags: [n], page: 0 }).toString());
    } catch (e) { toast((e as Error).message, "error"); }
  } }, `Tag all ${formatNumber(result.total)} matching`);
  refreshSelectionCount = () => {
    count.textContent = `${selection.ids.size} selected`;
    tagSelected.toggleAttribute("disabled", selection.ids.size === 0);
    exportLabels();
  };
  refreshSelectionCount();
  const pageIds = result.items.map((i) => i.id);
  return h("div", { class: "selection-bar" },
    chartsToggle,
    count,
    h("button", { class: "btn ghost", onclick: () => {
      const all = pageIds.every((id) => selection.ids.has(id));
      pageIds.forEach((id) => (all ? selection.ids.delete(id) : selection.ids.add(id)));
      document.querySelectorAll<HTMLAnchorElement>(".thumb-card").forEach((c) => {
        const on = selection.ids.has(Number(c.dataset.id));
        c.classList.toggle("selected", on);
        (c.querySelector("input.select") as HTMLInputElement).checked = on;
      });
      refreshSelectionCount();
    } }, "Select page"),
    h("span", { class: "spacer" }), tagInput, tagSelected, tagAll);
}

function pager(s: ViewState, total: number, update: (c: Partial<ViewState>) => void): HTMLElement {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return h("nav", { class: "pager", "aria-label": "Pages" },
    h("button", { class: "btn", disabled: s.page === 0, onclick: () => update({ page: s.page - 1 }) }, "‹ Previous"),
    h("span", { class: "muted" }, `Page ${s.page + 1} of ${formatNumber(pages)} · ${formatNumber(s.page * PAGE_SIZE + 1)}–${formatNumber(Math.min(total, (s.page + 1) * PAGE_SIZE))} of ${formatNumber(total)}`),
    h("button", { class: "btn", disabled: s.page + 1 >= pages, onclick: () => update({ page: s.page + 1 }) }, "Next ›"));
}

function exportButtons(s: ViewState): HTMLElement[] {
  const run = async (kind: "coco" | "csv", button: HTMLButtonElement) => {
    button.disabled = true;
    const old = button.textContent;
    button.textContent = "Exporting…";
    try {
      // Ticked items narrow the export to them; without a selection it is every item the filter matches.
      const p = filterParams(s);
      if (selection.ids.size > 0) p.set("ids", [...selection.ids].join(","));
      const { blob: b, name } = await blob(`/api/export/${kind}?${p}`);
      const file = name ?? `loupe-export.${kind === "coco" ? "coco.json" : "csv"}`;
      const a = h("a", { href: URL.createObjectURL(b), download: file });
      document.body.appendChild(a);
      a.click();
      a.remove();
      toast(`Exported ${file} (${formatNumber(Math.round(b.size / 1024))} kB)`);
    } catch (e) {
      toast((e as Error).message, "error");
    } finally {
      button.disabled = false;
      button.textContent = old;
    }
  };
  const coco: HTMLButtonElement = h("button", { class: "btn", "data-action": "export-coco", onclick: () => run("coco", coco) }, "Export COCO");
  const csv: HTMLButtonElement = h("button", { class: "btn", "data-action": "export-csv", onclick: () => run("csv", csv) }, "Export CSV");
  exportLabels = () => {
    const n = selection.ids.size;
    coco.textContent = n ? `Export ${formatNumber(n)} selected (COCO)` : "Export COCO";
    csv.textContent = n ? `Export ${formatNumber(n)} selected (CSV)` : "Export CSV";
  };
  exportLabels();
  return [coco, csv];
}
