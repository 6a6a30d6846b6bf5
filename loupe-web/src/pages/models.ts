import { get, type BucketRow, type ClassificationEval, type DetectionEval, type EvalView, type ImportanceReport,
  type PredictionsView, type Slice } from "../api";
import { bars, heatmap, lines, rateBars } from "../charts";
import { classColour } from "../draw";
import { clear, emptyState, errorState, formatNumber, h, spinner } from "../dom";
import { go, replace } from "../router";
import { card, explorerLink, header, stat } from "./common";
import { explorerHref, type ViewState } from "../filter";

/** The outcome thresholds the store keeps: 0.05, 0.10, ..., 0.95. */
const IOU_STEPS = Array.from({ length: 19 }, (_, i) => (i + 1) / 20);
const COCO_ROWS: [string, string, string, string][] = [
  ["AP", "0.50:0.95", "all", "100"], ["AP50", "0.50", "all", "100"], ["AP75", "0.75", "all", "100"],
  ["APsmall", "0.50:0.95", "small", "100"], ["APmedium", "0.50:0.95", "medium", "100"], ["APlarge", "0.50:0.95", "large", "100"],
  ["AR1", "0.50:0.95", "all", "1"], ["AR10", "0.50:0.95", "all", "10"], ["AR100", "0.50:0.95", "all", "100"],
  ["ARsmall", "0.50:0.95", "small", "100"], ["ARmedium", "0.50:0.95", "medium", "100"], ["ARlarge", "0.50:0.95", "large", "100"],
];
const IMPORTANCE_ROWS = 10;
const FP_REASONS: Record<string, string> = {
  duplicate: "overlaps an object of its class that a higher score took",
  wrong_class: "overlaps an object of another class",
  localisation: "IoU with an object of its class below the threshold (but ≥ 0.10)",
  background: "overlaps nothing",
};

/**
 * Model quality: evaluation results of one imported prediction set at a chosen IoU (both in the
 * URL: #/models?set=NAME&iou=0.5). Until a set is imported it says so and how to import one; it
 * never invents numbers.
 */
export async function renderModels(page: HTMLElement, query = ""): Promise<void> {
  page.appendChild(spinner());
  const p = await get<PredictionsView>("/api/predictions");
  clear(page);
  const title = "Model quality";
  const what = "mAP and PR curves per class at a chosen IoU, performance by metric, metric importance and the worst slices";
  if (p.sets.length === 0) {
    page.appendChild(header(title, what));
    page.appendChild(emptyState("No prediction sets",
      `${p.hint} to add a model's predictions to this project; this page then shows ${what}.`,
      h("code", { class: "cmd" }, "loupe predictions import --help")));
    return;
  }
  const params = new URLSearchParams(query);
  let set = p.sets.find((s) => s.name === params.get("set")) ?? p.sets[0];
  let iou = snap(Number(params.get("iou") ?? "0.5"));

  const select = h("select", { class: "input", "aria-label": "Prediction set", onchange: () => {
    set = p.sets.find((s) => s.name === select.value) ?? set;
    load();
  } }, p.sets.map((s) => h("option", { value: s.name }, `${s.name} (${s.kind})`)));
  select.value = set.name;
  const iouLabel = h("output", { class: "iou-value" }, iou.toFixed(2));
  const slider = h("input", { type: "range", class: "iou-slider", min: "0.05", max: "0.95", step: "0.05", value: String(iou),
    "aria-label": "IoU threshold",
    oninput: () => { iouLabel.textContent = Number(slider.value).toFixed(2); },
    onchange: () => { iou = snap(Number(slider.value)); load(); } }) as HTMLInputElement;
  const iouControl = h("label", { class: "iou-control", title: "IoU threshold of the TP/FP/FN counts, the PR curves (0.50–0.95) and the analysis" },
    h("span", { class: "muted" }, "IoU"), slider, iouLabel);
  page.appendChild(header(title, what, select, iouControl));
  const body = h("div", { class: "eval-body" });
  page.appendChild(body);

  let loadId = 0;
  function load(): void {
    const id = ++loadId;
    iouControl.style.display = set.kind === "classification" ? "none" : "";
    replace(`#/models?${new URLSearchParams({ set: set.name, iou: iou.toFixed(2) })}`);
    clear(body);
    body.appendChild(spinner("Evaluating…"));
    get<EvalView>(`/api/eval?${new URLSearchParams({ set: set.name, iou: iou.toFixed(2), view: "page" })}`).then((e) => {
      if (id !== loadId) return;
      clear(body);
      if (e.predictionSet.kind === "classification") renderClassification(body, e as ClassificationEval);
      else renderDetection(body, e as DetectionEval, iou);
    }).catch((err) => {
      if (id !== loadId) return;
      clear(body);
      body.appendChild(errorState(err, load));
    });
  }
  load();
}

function snap(v: number): number {
  if (!Number.isFinite(v)) return 0.5;
  return IOU_STEPS.reduce((best, t) => (Math.abs(t - v) < Math.abs(best - v) ? t : best), 0.5);
}

function fixed(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || v < 0 ? "–" : v.toFixed(digits);
}

/** A chart container that is drawn once it is in the page (ECharts needs its size). */
function chart(height: number, draw: (el: HTMLElement) => void, testId?: string): HTMLElement {
  const el = h("div", { class: "chart", style: `height:${height}px`, "data-testid": testId });
  requestAnimationFrame(() => draw(el));
  return el;
}

interface Column<T> { label: string; value: (row: T) => number | string | null; num?: boolean; format?: (row: T) => Node | string }

/** A table whose rows sort by a column when its header is clicked (again: the other way). */
function sortableTable<T>(rows: T[], columns: Column<T>[], initial: number, cls = ""): HTMLElement {
  let by = initial;
  let desc = true;
  const tbody = h("tbody", {});
  const heads = columns.map((c, i) => h("th", { class: `sortable${c.num ? " num" : ""}`, onclick: () => {
    desc = by === i ? !desc : c.num === true;
    by = i;
    fill();
  } }, c.label));
  function fill(): void {
    heads.forEach((th, i) => th.setAttribute("aria-sort", i === by ? (desc ? "descending" : "ascending") : "none"));
    const col = columns[by];
    const sorted = [...rows].sort((a, b) => {
      const x = col.value(a);
      const y = col.value(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    });
    clear(tbody);
    for (const r of sorted) {
      tbody.appendChild(h("tr", {}, columns.map((c) => h("td", { class: c.num ? "num" : "" }, c.format ? c.format(r) : String(c.value(r) ?? "–")))));
    }
  }
  fill();
  return h("table", { class: `table ${cls}` }, h("thead", {}, h("tr", {}, heads)), tbody);
}

/** The Explorer on a detection set's items at the page's IoU: predictions or ground truths with given outcomes. */
function outcomeView(e: DetectionEval, scope: "prediction" | "annotation" | "image", outcomes: string[], more: Partial<ViewState> = {}): string {
  const iou = String(Number(e.outcomes.iouThreshold.toFixed(2)));
  return explorerHref({ scope, set: e.predictionSet.name, iou, outcomes, ...(scope === "prediction" ? { sort: "prediction.score", order: "desc" } : {}), ...more });
}

function renderDetection(body: HTMLElement, e: DetectionEval, iou: number): void {
  const o = e.outcomes;
  const t = o.iouThreshold.toFixed(2);
  body.appendChild(h("div", { class: "stats" },
    stat("AP", fixed(e.summary.AP), "IoU 0.50:0.95 (COCO mAP)"),
    stat("AP50", fixed(e.summary.AP50), `AP75 ${fixed(e.summary.AP75)}`),
    stat("AR100", fixed(e.summary.AR100), "recall, 100 detections per image"),
    stat(`TP @ ${t}`, formatNumber(o.tp), `${formatNumber(o.fn)} FN · ${formatNumber(o.fp)} FP${o.ignored ? ` · ${o.ignored} ignored` : ""}`,
      outcomeView(e, "prediction", ["tp"])),
    stat(`FN @ ${t}`, formatNumber(o.fn), "ground truths no prediction matched", outcomeView(e, "annotation", ["fn"])),
    stat(`FP @ ${t}`, formatNumber(o.fp), "predictions that matched nothing of their class", outcomeView(e, "prediction", ["fp"])),
    stat(`Precision @ ${t}`, fixed(o.precision), `recall ${fixed(o.recall)}`),
    stat("Evaluated", formatNumber(e.detections), `detections on ${formatNumber(e.images)} images · ${formatNumber(e.groundTruths)} ground truths`)));

  const top = h("div", { class: "grid-2" });
  body.appendChild(top);
  top.appendChild(card("COCO evaluation", h("table", { class: "table coco-table" },
    h("thead", {}, h("tr", {}, h("th", {}, "metric"), h("th", {}, "IoU"), h("th", {}, "area"), h("th", { class: "num" }, "max dets"),
      h("th", { class: "num" }, "value"))),
    h("tbody", {}, COCO_ROWS.map(([name, range, area, dets]) => h("tr", {}, h("td", {}, name), h("td", {}, range), h("td", {}, area),
      h("td", { class: "num" }, dets), h("td", { class: "num", "data-stat": name }, fixed(e.summary[name])))))),
  h("span", { class: "hint" }, "pycocotools COCOeval, identical numbers")));

  const reasons = Object.entries(o.fpReasons).sort((a, b) => b[1] - a[1]);
  const css = getComputedStyle(document.documentElement);
  top.appendChild(card(`False positives by reason @ IoU ${t}`, reasons.length === 0 ? emptyState("No false positives", `Every prediction matched an object at IoU ${t}.`)
    : h("div", {}, chart(Math.max(140, 40 * reasons.length + 30), (el) => bars(el, reasons.map((r) => r[0]),
      [{ name: "false positives", values: reasons.map((r) => r[1]), colour: css.getPropertyValue("--danger").trim() }],
      { horizontal: true, onClick: (reason) => go(outcomeView(e, "prediction", [reason])) }), "fp-reasons"),
    h("ul", { class: "reason-list" }, reasons.map(([k, v]) => h("li", {}, h("b", {}, k), " ",
      explorerLink(formatNumber(v), outcomeView(e, "prediction", [k]), `fp-${k}`), ": ",
      h("span", { class: "muted" }, FP_REASONS[k] ?? ""))))),
  h("span", { class: "hint" }, `${formatNumber(o.fp)} FP in all`)));

  // PR curves at the chosen IoU when COCO has it (0.50..0.95), else at 0.50.
  const curveT = e.prCurves.some((c) => Math.abs(c.iouThreshold - iou) < 1e-9) ? iou : 0.5;
  const curves = e.prCurves.filter((c) => Math.abs(c.iouThreshold - curveT) < 1e-9)
    .map((c) => ({ name: c.name, colour: classColour(c.categoryId),
      points: c.recall.map((r, i) => [r, c.precision[i]] as [number | null, number | null])
        .filter((p): p is [number, number] => p[0] !== null && p[1] !== null && p[1] >= 0) }))
    // COCO's precision is 0 past the largest recall reached: the curve ends there.
    .map((c) => ({ ...c, points: c.points.slice(0, lastNonZero(c.points) + 1) }))
    .filter((c) => c.points.length > 0);
  body.appendChild(card(`Precision–recall curves @ IoU ${curveT.toFixed(2)}`, curves.length === 0
    ? emptyState("No curves", "No class has both ground truths and predictions.")
    : chart(380, (el) => lines(el, curves, "recall", "precision"), "pr-curves"),
  h("span", { class: "hint" }, curveT === iou ? "COCO's interpolated precision at 101 recall points, per class"
    : `COCO keeps curves at 0.50–0.95 only: shown at 0.50 (counts are at ${t})`)));

  const apOf = (x: number | null) => (x === null || x < 0 ? null : x);
  const cls = (name: string) => ({ classes: [name] });
  body.appendChild(card(`Per class (TP/FP/FN @ IoU ${t})`, sortableTable(e.perClass, [
    { label: "class", value: (r) => r.name, format: (r) => h("span", {}, h("i", { class: "dot", style: `background:${classColour(r.id)}` }),
      explorerLink(r.name, outcomeView(e, "annotation", [], cls(r.name)))) },
    { label: "AP", value: (r) => apOf(r.ap), num: true, format: (r) => fixed(r.ap) },
    { label: "AP50", value: (r) => apOf(r.ap50), num: true, format: (r) => fixed(r.ap50) },
    { label: "AP75", value: (r) => apOf(r.ap75), num: true, format: (r) => fixed(r.ap75) },
    { label: "AR", value: (r) => apOf(r.ar), num: true, format: (r) => fixed(r.ar) },
    { label: "TP", value: (r) => r.tp, num: true, format: (r) => explorerLink(String(r.tp), outcomeView(e, "prediction", ["tp"], cls(r.name))) },
    { label: "FP", value: (r) => r.fp, num: true, format: (r) => explorerLink(String(r.fp), outcomeView(e, "prediction", ["fp"], cls(r.name))) },
    { label: "FN", value: (r) => r.fn, num: true, format: (r) => explorerLink(String(r.fn), outcomeView(e, "annotation", ["fn"], cls(r.name))) },
  ], 1, "per-class"), h("span", { class: "hint" }, "click a column to sort, a number to see its items")));

  body.appendChild(confusionCard(e));
  body.appendChild(byMetricCard(e));
  const bottom = h("div", { class: "grid-2" });
  body.appendChild(bottom);
  bottom.appendChild(importanceCard(e));
  bottom.appendChild(slicesCard(e));
}

interface ConfusionData { classes: string[]; counts: number[][]; iou: number; minScore: number }
interface ConfusionCell { trueClass: string; predictedClass: string; count: number; scope: "annotation" | "prediction"; ids: number[] }

/**
 * Classes plus background at the page's IoU: which class each object was taken for (class-agnostic
 * greedy matching, highest score first), objects missed (background column) and detections of
 * nothing (background row). A cell opens its items in the Explorer.
 */
function confusionCard(e: DetectionEval): HTMLElement {
  const holder = h("div", {}, spinner(""));
  const iou = e.outcomes.iouThreshold.toFixed(2);
  const set = e.predictionSet.name;
  const scoreSelect = h("select", { class: "input", "aria-label": "Lowest score in the confusion matrix", onchange: () => load() },
    ["0", "0.25", "0.5", "0.75"].map((v) => h("option", { value: v }, `score ≥ ${v}`)));
  // A detector's low-scored guesses (and a classifier's other classes on the same box) would fill the background row.
  scoreSelect.value = "0.25";
  const load = () => {
    clear(holder);
    holder.appendChild(spinner(""));
    const q = new URLSearchParams({ set, iou, score: scoreSelect.value });
    get<ConfusionData>(`/api/eval/confusion?${q}`).then((c) => {
      clear(holder);
      const n = c.classes.length;
      holder.appendChild(chart(Math.max(300, 26 * n + 110), (el) => heatmap(el, c.classes, c.counts, (row, column) => {
        const cq = new URLSearchParams({ set, iou, score: scoreSelect.value, row: String(row), column: String(column) });
        get<ConfusionCell>(`/api/eval/confusion?${cq}`).then((cell) => {
          if (cell.ids.length === 0) return;
          go(explorerHref({ scope: cell.scope, set, iou: String(Number(iou)), ids: cell.ids.slice(0, 1000) }));
        });
      }), "detection-confusion"));
    }).catch((err) => { clear(holder); holder.appendChild(h("p", { class: "error-text" }, err.message)); });
  };
  load();
  return card(`Confusion matrix @ IoU ${iou}`, h("div", {}, holder, h("p", { class: "muted small" },
    "Rows: the object's class (background: a detection of nothing). Columns: the class it was detected as (background: missed). "
    + "Each detection, highest score first, takes the unmatched object of any class it overlaps most at this IoU. Click a cell for its items.")),
  scoreSelect);
}

function lastNonZero(points: [number, number][]): number {
  for (let i = points.length - 1; i >= 0; i--) if (points[i][1] > 0) return i;
  return -1;
}

function bucketName(b: BucketRow): string {
  return `${formatNumber(b.lower, 3)} – ${formatNumber(b.upper, 3)}`;
}

function byMetricCard(e: DetectionEval): HTMLElement {
  const gt = e.byMetric.recallOfGroundTruths;
  const pred = e.byMetric.precisionOfPredictions;
  const metrics = [...new Set([...Object.keys(gt), ...Object.keys(pred)])].sort();
  const content = h("div", { class: "grid-2 tight" });
  if (metrics.length === 0) {
    return card("Performance by metric", emptyState("No metrics", "Run 'loupe analyze PROJECT' (and import predictions without --no-metrics) to see recall and precision by metric."));
  }
  const preferred = ["annotation.relative_area", "prediction.score", metrics[0]].find((m) => metrics.includes(m))!;
  const select = h("select", { class: "input", "aria-label": "Metric", onchange: () => show(select.value) },
    metrics.map((m) => h("option", { value: m }, m)));
  select.value = preferred;
  const css = getComputedStyle(document.documentElement);
  function side(title: string, table: typeof gt[string] | undefined, what: string, colour: string, testId: string): HTMLElement {
    if (!table) return h("div", {}, h("h3", { class: "sub" }, title), h("p", { class: "muted" }, "not computed for this side"));
    const rows = table.overall.buckets;
    const total = table.overall.total;
    const missing = table.overall.missing;
    return h("div", {}, h("h3", { class: "sub" }, title, h("span", { class: "muted" },
      ` · overall ${fixed(total.rate)} (${total.positives} of ${total.count})${missing.count ? ` · ${missing.count} without a value` : ""}`)),
    chart(220, (el) => rateBars(el, rows.map(bucketName), rows.map((b) => b.rate), rows, what, colour, (i) => {
      // The bucket's items: ground truths (recall) or predictions (precision) in its range of the metric.
      const b = rows[i];
      const range = { metric: current, min: b.lower === null ? "" : String(b.lower), max: b.upper === null ? "" : String(b.upper) };
      go(outcomeView(e, what === "recall" ? "annotation" : "prediction", [], current === "prediction.score" ? {} : { ranges: [range] }));
    }), testId));
  }
  let current = preferred;
  function show(m: string): void {
    current = m;
    clear(content);
    content.appendChild(side("Recall of ground truths", gt[m], "recall", css.getPropertyValue("--accent").trim(), "recall-by-metric"));
    content.appendChild(side("Precision of predictions", pred[m], "precision", css.getPropertyValue("--accent-2").trim(), "precision-by-metric"));
  }
  show(preferred);
  return card(`Performance by metric @ IoU ${e.outcomes.iouThreshold.toFixed(2)}`, content, h("div", { class: "row" },
    h("span", { class: "hint" }, "buckets by quantile"), select));
}

function importanceCard(e: DetectionEval): HTMLElement {
  const targets: [string, string, ImportanceReport][] = [
    ["detectedGroundTruth", "ground truth detected", e.importance.detectedGroundTruth],
    ["truePositive", "prediction is a TP", e.importance.truePositive],
    ["iouTimesTruePositive", "IoU × TP", e.importance.iouTimesTruePositive],
  ];
  const content = h("div", {});
  const select = h("select", { class: "input", "aria-label": "Importance target", onchange: () => show(select.value) },
    targets.map(([k, label]) => h("option", { value: k }, label)));
  function show(key: string): void {
    const r = targets.find((x) => x[0] === key)![2];
    clear(content);
    const noise = r.noiseLevel ?? 0;
    const rows = [...r.metrics].sort((a, b) => (b.forestImportance ?? -Infinity) - (a.forestImportance ?? -Infinity)).slice(0, IMPORTANCE_ROWS);
    content.appendChild(h("p", { class: "muted small" }, `${formatNumber(r.items)} items, ${formatNumber(r.positives)} positive; `
      + `noise level ${noise.toFixed(3)}: a share not clearly (1.5×) above it is marked ~ noise.`));
    if (r.sampleTooSmall) content.appendChild(h("p", { class: "warn-text small" }, `Caution, sample too small: ${r.sampleNote}`));
    content.appendChild(h("table", { class: "table importance" },
      h("thead", {}, h("tr", {}, h("th", {}, "metric"), h("th", { class: "num" }, "forest"), h("th", { class: "num" }, "MI bits"),
        h("th", { class: "num" }, "pearson"), h("th", {}, ""))),
      h("tbody", {}, rows.map((m) => {
        const noisy = !((m.forestImportance ?? 0) > 1.5 * noise);
        return h("tr", { class: noisy ? "noisy" : "" }, h("td", {}, m.metric), h("td", { class: "num" }, fixed(m.forestImportance)),
          h("td", { class: "num" }, fixed(m.miBits)), h("td", { class: "num" }, m.pearson === null ? "–" : m.pearson.toFixed(3)),
          h("td", { class: "muted small" }, noisy ? "~ noise" : ""));
      }))));
    if (rows.length === 0 || !((rows[0].forestImportance ?? 0) > 1.5 * noise)) {
      content.appendChild(h("p", { class: "muted small" }, "No metric stands out from noise at this sample size."));
    }
  }
  show(targets[0][0]);
  return card("Metric importance", content, select);
}

function slicesCard(e: DetectionEval): HTMLElement {
  const list = (title: string, slices: Slice[], support: number, what: string) => h("div", { class: "slices" },
    h("h3", { class: "sub" }, title, h("span", { class: "muted" }, ` · at least ${support} items`)),
    slices.length === 0 ? h("p", { class: "muted small" }, "No slice is significantly worse than the whole.")
      : h("ol", { class: "slice-list" }, slices.map((s) => h("li", {},
        h("a", { class: "slice-desc cell-link", href: outcomeView(e, what === "recall" ? "annotation" : "prediction", [],
          { ranges: s.conditions.map((c) => ({ metric: c.metric, min: c.lower === null ? "" : String(c.lower), max: c.upper === null ? "" : String(c.upper) })) }),
        title: "Open the slice in the Explorer" }, s.description),
        h("div", { class: "muted small" }, `${s.positives} of ${s.count} · z ${s.z === null ? "–" : s.z.toFixed(1)}`
          + ` · ${s.score === null ? "–" : s.score.toFixed(1)} ${what === "recall" ? "detections" : "true positives"} short`)))));
  return card("Worst slices", h("div", {},
    list("By recall (ground truths missed)", e.worstSlices.byRecall, e.worstSlices.recallMinSupport, "recall"),
    list("By precision (false positives)", e.worstSlices.byPrecision, e.worstSlices.precisionMinSupport, "precision")));
}

function renderClassification(body: HTMLElement, e: ClassificationEval): void {
  const left = Object.entries(e.leftOut);
  body.appendChild(h("div", { class: "stats" },
    stat("Accuracy", fixed(e.accuracy, 4), `${formatNumber(e.items)} images evaluated`),
    ...Object.entries(e.topK).filter(([k]) => k !== "1").map(([k, v]) => stat(`Top-${k} accuracy`, fixed(v, 4))),
    stat("Macro F1", fixed(e.macro.f1, 4), `precision ${fixed(e.macro.precision)} · recall ${fixed(e.macro.recall)}`),
    stat("Weighted F1", fixed(e.weighted.f1, 4), `precision ${fixed(e.weighted.precision)} · recall ${fixed(e.weighted.recall)}`),
    left.length ? stat("Left out", formatNumber(left.reduce((n, x) => n + x[1], 0)), left.map(([k, v]) => `${v} ${k}`).join(" · ")) : null));
  const grid = h("div", { class: "grid-2" });
  body.appendChild(grid);
  const set = e.predictionSet.name;
  grid.appendChild(card("Per class", sortableTable(e.perClass, [
    { label: "class", value: (r) => r.name, format: (r) => explorerLink(r.name, explorerHref({ classifier: set, classes: [r.name], wrong: true })) },
    { label: "precision", value: (r) => r.precision, num: true, format: (r) => fixed(r.precision) },
    { label: "recall", value: (r) => r.recall, num: true, format: (r) => fixed(r.recall) },
    { label: "F1", value: (r) => r.f1, num: true, format: (r) => fixed(r.f1) },
    { label: "support", value: (r) => r.support, num: true },
    { label: "predicted", value: (r) => r.predicted, num: true },
  ], 3, "per-class"), h("span", { class: "hint" }, "click a column to sort")));
  const n = e.perClass.length;
  const names = e.perClass.map((c) => c.name);
  grid.appendChild(card("Confusion matrix", chart(Math.max(260, 28 * n + 90), (el) => heatmap(el, names, e.confusion,
    (row, column) => go(explorerHref({ classifier: set, classes: [names[row]], predicted: [names[column]] }))), "confusion"),
    h("span", { class: "hint" }, "rows: true class · columns: predicted · click a cell for its images")));
  body.appendChild(h("p", { class: "muted" }, explorerLink("Every misclassified image →", explorerHref({ classifier: set, wrong: true }), "misclassified")));
}
