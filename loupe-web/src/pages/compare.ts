// Compare: two sides of the project (splits, tags or filter-like selectors) metric by metric, ranked
// by the Kolmogorov–Smirnov distance, and two prediction sets side by side with AP deltas. Every
// choice is in the URL: #/compare?scope=image&a=split:train&b=split:val&metric=ID&setA=&setB=&iou=0.50

import { explorerHref, type ViewState } from "../filter";
import { get, type Delta, type DistributionsComparison, type MetricComparison, type PredictionsView, type SetsComparison } from "../api";
import { appData } from "../app";
import { bars, lines, overlaidHistogram } from "../charts";
import { clear, emptyState, errorState, formatNumber, h, spinner } from "../dom";
import { replace } from "../router";
import { card, header, stat } from "./common";

type SortKey = "d" | "p" | "metric";

export async function renderCompare(page: HTMLElement, query: string): Promise<void> {
  page.appendChild(spinner());
  const [d, p] = await Promise.all([appData(), get<PredictionsView>("/api/predictions")]);
  clear(page);
  const params = new URLSearchParams(query);
  const splits = Object.keys(d.summary.splits);
  const sides = ["all", ...splits.map((s) => `split:${s}`), ...d.summary.tags.map((t) => `tag:${t.name}`)];
  const state = {
    scope: params.get("scope") === "annotation" ? "annotation" : "image",
    a: params.get("a") ?? (splits.length > 1 ? `split:${splits[0]}` : "all"),
    b: params.get("b") ?? (splits.length > 1 ? `split:${splits[1]}` : "all"),
    metric: params.get("metric") ?? "",
    sort: "d" as SortKey,
    setA: params.get("setA") ?? "",
    setB: params.get("setB") ?? "",
    iou: params.get("iou") ?? "0.50",
  };
  const detectionSets = p.sets.filter((s) => s.kind === "detection");
  if (detectionSets.length > 0) {
    if (!detectionSets.some((s) => s.name === state.setA)) state.setA = detectionSets[0].name;
    if (!detectionSets.some((s) => s.name === state.setB)) state.setB = detectionSets[Math.min(1, detectionSets.length - 1)].name;
  }
  const sync = () => {
    const q = new URLSearchParams({ scope: state.scope, a: state.a, b: state.b });
    if (state.metric) q.set("metric", state.metric);
    if (detectionSets.length) { q.set("setA", state.setA); q.set("setB", state.setB); q.set("iou", state.iou); }
    replace(`#/compare?${q}`);
  };

  page.appendChild(header("Compare", "two splits, tags or selections metric by metric (KS distance), and two prediction sets side by side"));

  // ---- distributions
  const sideSelect = (which: "a" | "b") => {
    const options = sides.includes(state[which]) ? sides : [...sides, state[which]];
    const s = h("select", { class: "input", "aria-label": `Side ${which.toUpperCase()}`, "data-side": which, onchange: () => {
      state[which] = s.value; state.metric = ""; loadDistributions();
    } }, options.map((o) => h("option", { value: o }, o)));
    s.value = state[which];
    return s;
  };
  const scopeSelect = h("select", { class: "input", "aria-label": "Scope", onchange: () => {
    state.scope = scopeSelect.value; state.metric = ""; loadDistributions();
  } }, h("option", { value: "image" }, "images"), h("option", { value: "annotation" }, "annotations"));
  scopeSelect.value = state.scope;
  const controls = h("div", { class: "compare-controls" }, scopeSelect, h("span", { class: "side-tag a" }, "A"), sideSelect("a"),
    h("span", { class: "muted" }, "vs"), h("span", { class: "side-tag b" }, "B"), sideSelect("b"));
  const distBody = h("div", { class: "compare-dist" });
  page.appendChild(card("Metric distributions", h("div", {}, controls, distBody), h("span", { class: "hint" },
    "ranked by the Kolmogorov–Smirnov distance D · click a metric to overlay its histograms")));

  let distId = 0;
  function loadDistributions(): void {
    const id = ++distId;
    sync();
    clear(distBody);
    distBody.appendChild(spinner("Comparing…"));
    const q = new URLSearchParams({ scope: state.scope, a: state.a, b: state.b });
    get<DistributionsComparison>(`/api/compare/distributions?${q}`).then((c) => {
      if (id !== distId) return;
      clear(distBody);
      showDistributions(c);
    }).catch((e) => {
      if (id !== distId) return;
      clear(distBody);
      distBody.appendChild(errorState(e, loadDistributions));
    });
  }

  function showDistributions(c: DistributionsComparison): void {
    distBody.appendChild(h("div", { class: "stats" },
      stat(`A · ${c.a.selector}`, formatNumber(c.a.items), `${c.scope}s`),
      stat(`B · ${c.b.selector}`, formatNumber(c.b.items), `${c.scope}s`),
      stat("Metrics", formatNumber(c.metrics.length), `${c.metrics.filter((m) => (m.ks.pValue ?? 1) < 0.01).length} differ at p < 0.01`)));
    if (c.metrics.length === 0) {
      distBody.appendChild(emptyState("No metrics", "Run 'loupe analyze' to compute metrics, then compare them here."));
      return;
    }
    if (c.a.items === 0 || c.b.items === 0) {
      distBody.appendChild(emptyState("A side is empty", `${c.a.items === 0 ? "A" : "B"} selects no ${c.scope}; pick another split or tag.`));
    }
    const detail = h("div", { class: "compare-detail" });
    const tbody = h("tbody", {});
    const head = (label: string, key: SortKey, cls = "") => h("th", { class: `sortable ${cls}`, "data-sort": key, onclick: () => {
      state.sort = key; fill();
    } }, label);
    const table = h("table", { class: "table compare-table" }, h("thead", {}, h("tr", {},
      head("metric", "metric"), head("KS D", "d", "num"), head("p-value", "p", "num"), h("th", { class: "num" }, "n A / n B"),
      h("th", { class: "num" }, "median A"), h("th", { class: "num" }, "median B"), h("th", {}, "histograms (A blue, B green)"), h("th", {}, "items"))), tbody);
    distBody.append(detail, table);
    const show = (m: MetricComparison) => {
      state.metric = m.metricId;
      sync();
      tbody.querySelectorAll("tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.metric === m.metricId));
      clear(detail);
      const chart = h("div", { class: "chart overlay-chart", style: "height:260px" });
      detail.append(h("div", { class: "compare-detail-head" }, h("strong", {}, m.title),
        h("span", { class: "muted" }, ` ${m.metricId} · D ${fmt(m.ks.d)} · p ${fmtP(m.ks.pValue)} · Q1/median/Q3 A ${fmt(m.a.q1)} / ${fmt(m.a.median)} / ${fmt(m.a.q3)}`
          + ` · B ${fmt(m.b.q1)} / ${fmt(m.b.median)} / ${fmt(m.b.q3)} · missing ${m.a.missing} / ${m.b.missing}`)), chart);
      requestAnimationFrame(() => overlaidHistogram(chart, m.binEdges, m.countsA, m.countsB, [`A ${c.a.selector}`, `B ${c.b.selector}`]));
    };
    function fill(): void {
      clear(tbody);
      const rows = [...c.metrics].sort((x, y) => state.sort === "metric" ? x.metricId.localeCompare(y.metricId)
        : state.sort === "p" ? (x.ks.pValue ?? 2) - (y.ks.pValue ?? 2) : (y.ks.d ?? -1) - (x.ks.d ?? -1));
      table.querySelectorAll("th[data-sort]").forEach((th) => th.classList.toggle("active", th.getAttribute("data-sort") === state.sort));
      for (const m of rows) {
        const spark = h("div", { class: "spark" });
        tbody.appendChild(h("tr", { class: "clickable", "data-metric": m.metricId, onclick: () => show(m) },
          h("td", {}, h("div", {}, m.title), h("div", { class: "muted small" }, m.metricId)),
          h("td", { class: "num" }, h("span", { class: "ks-bar", style: `--d:${m.ks.d ?? 0}` }), fmt(m.ks.d)),
          h("td", { class: `num ${(m.ks.pValue ?? 1) < 0.01 ? "strong" : ""}` }, fmtP(m.ks.pValue)),
          h("td", { class: "num" }, `${formatNumber(m.a.count)} / ${formatNumber(m.b.count)}`),
          h("td", { class: "num" }, fmt(m.a.median)), h("td", { class: "num" }, fmt(m.b.median)),
          h("td", {}, spark),
          h("td", { class: "nowrap" }, ...(["a", "b"] as const).map((k) => h("a", { class: "cell-link small", "data-side": k,
            href: explorerHref({ ...sideView(k === "a" ? state.a : state.b), scope: state.scope as "image" | "annotation", sort: m.metricId }),
            title: `Side ${k.toUpperCase()} in the Explorer, sorted by ${m.metricId}`, onclick: (e: Event) => e.stopPropagation() },
          `${k.toUpperCase()} →`)))));
        requestAnimationFrame(() => overlaidHistogram(spark, m.binEdges, m.countsA, m.countsB, ["A", "B"], { compact: true }));
      }
      if (state.metric) tbody.querySelectorAll("tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.metric === state.metric));
    }
    fill();
    const first = c.metrics.find((m) => m.metricId === state.metric) ?? c.metrics[0];
    show(first);
  }

  // ---- prediction sets
  const setsBody = h("div", { class: "compare-sets" });
  page.appendChild(card("Prediction sets", setsBody, h("span", { class: "hint" }, "deltas are B − A at the chosen IoU")));
  if (detectionSets.length === 0) {
    setsBody.appendChild(emptyState("No detection sets", `${p.hint} (twice, e.g. two models) to compare AP, per-class AP and PR curves here.`,
      h("code", { class: "cmd" }, "loupe predictions import --help")));
  } else {
    const setSelect = (which: "setA" | "setB") => {
      const s = h("select", { class: "input", "aria-label": which === "setA" ? "Set A" : "Set B", onchange: () => {
        state[which] = s.value; loadSets();
      } }, detectionSets.map((x) => h("option", { value: x.name }, x.name)));
      s.value = state[which];
      return s;
    };
    const iouSelect = h("select", { class: "input", "aria-label": "IoU", onchange: () => { state.iou = iouSelect.value; loadSets(); } },
      Array.from({ length: 19 }, (_, i) => ((i + 1) / 20).toFixed(2)).map((v) => h("option", { value: v }, `IoU ${v}`)));
    iouSelect.value = Number(state.iou).toFixed(2);
    const out = h("div", {});
    setsBody.append(h("div", { class: "compare-controls" }, h("span", { class: "side-tag a" }, "A"), setSelect("setA"),
      h("span", { class: "muted" }, "vs"), h("span", { class: "side-tag b" }, "B"), setSelect("setB"), iouSelect), out);
    let setsId = 0;
    const loadSets = () => {
      const id = ++setsId;
      sync();
      clear(out);
      out.appendChild(spinner("Evaluating both sets…"));
      get<SetsComparison>(`/api/compare/sets?${new URLSearchParams({ a: state.setA, b: state.setB, iou: state.iou })}`).then((c) => {
        if (id !== setsId) return;
        clear(out);
        showSets(out, c);
      }).catch((e) => {
        if (id !== setsId) return;
        clear(out);
        out.appendChild(errorState(e, loadSets));
      });
    };
    loadSets();
  }

  function showSets(out: HTMLElement, c: SetsComparison): void {
    const deltaCard = (label: string, v: Delta | undefined) => {
      const d = v?.delta ?? null;
      return h("div", { class: "stat delta-card" }, h("div", { class: "stat-label" }, label),
        h("div", { class: "stat-value" }, `${fmt(v?.a ?? null)} → ${fmt(v?.b ?? null)}`),
        h("div", { class: `stat-note delta ${d === null ? "" : d > 0 ? "up" : d < 0 ? "down" : ""}` }, d === null ? "–" : `${d > 0 ? "+" : ""}${fmt(d)}`));
    };
    out.appendChild(h("div", { class: "stats" },
      deltaCard("AP 0.50:0.95", c.summary.AP), deltaCard("AP50", c.summary.AP50), deltaCard("AP75", c.summary.AP75),
      deltaCard("AR100", c.summary.AR100), deltaCard(`precision @ ${c.iouThreshold.toFixed(2)}`, c.outcomes.precision),
      deltaCard(`recall @ ${c.iouThreshold.toFixed(2)}`, c.outcomes.recall)));
    out.appendChild(h("p", { class: "muted small" }, `A ${c.a.name}: ${formatNumber(c.a.detections)} detections · B ${c.b.name}: `
      + `${formatNumber(c.b.detections)} detections · ${formatNumber(c.a.groundTruths)} ground truths · TP ${c.outcomes.tp.a} → ${c.outcomes.tp.b}, `
      + `FP ${c.outcomes.fp.a} → ${c.outcomes.fp.b}, FN ${c.outcomes.fn.a} → ${c.outcomes.fn.b}`));
    const grid = h("div", { class: "grid-2" });
    out.appendChild(grid);
    const classes = c.perClass.filter((k) => k.metrics.ap.a !== null || k.metrics.ap.b !== null);
    const barChart = h("div", { class: "chart ap-delta-chart", style: `height:${Math.max(180, 24 * classes.length + 40)}px` });
    grid.appendChild(card("AP 0.50:0.95 delta per class (B − A)", classes.length ? barChart : emptyState("No classes with AP", "Neither set has ground truths to evaluate.")));
    const curveChart = h("div", { class: "chart pr-overlay-chart", style: "height:320px" });
    const classSelect = h("select", { class: "input", "aria-label": "PR curve class", onchange: () => drawCurves() },
      classes.map((k) => h("option", { value: String(k.id) }, k.name)));
    const best = [...classes].sort((x, y) => Math.abs(y.metrics.ap.delta ?? 0) - Math.abs(x.metrics.ap.delta ?? 0))[0];
    if (best) classSelect.value = String(best.id);
    grid.appendChild(card(`PR curves at IoU ${c.prCurves.iouThreshold.toFixed(2)}`, curveChart, classSelect));
    const css = getComputedStyle(document.documentElement);
    if (classes.length) {
      requestAnimationFrame(() => bars(barChart, classes.map((k) => k.name), [{ name: "AP delta", values: classes.map((k) => k.metrics.ap.delta ?? 0) }],
        { horizontal: true, stack: false }));
    }
    function drawCurves(): void {
      const id = Number(classSelect.value);
      const pts = (cv: SetsComparison["prCurves"]["a"][number] | undefined): [number, number][] =>
        cv ? cv.recall.flatMap((r, i) => r === null || cv.precision[i] === null || cv.precision[i]! < 0 ? [] : [[r, cv.precision[i]!] as [number, number]]) : [];
      requestAnimationFrame(() => lines(curveChart, [
        { name: `A ${c.a.name}`, points: pts(c.prCurves.a.find((x) => x.categoryId === id)), colour: css.getPropertyValue("--accent").trim() },
        { name: `B ${c.b.name}`, points: pts(c.prCurves.b.find((x) => x.categoryId === id)), colour: css.getPropertyValue("--accent-2").trim() },
      ], "recall", "precision"));
    }
    if (classes.length) drawCurves();
  }

  loadDistributions();
}

function fmt(v: number | null): string {
  return v === null ? "–" : formatNumber(Number(v.toPrecision(4)), 6);
}

function fmtP(v: number | null): string {
  return v === null ? "–" : v < 1e-4 ? v.toExponential(1) : v.toFixed(4);
}

/** A Compare side ("all" or terms joined by ';': split:, tag:, class:, issue:, range:METRIC:MIN:MAX) as an Explorer filter. */
export function sideView(side: string): Partial<ViewState> {
  const v: Partial<ViewState> = { splits: [], tags: [], classes: [], issues: [], ranges: [] };
  if (side === "all") return v;
  for (const term of side.split(";")) {
    const i = term.indexOf(":");
    const kind = term.slice(0, i);
    const rest = term.slice(i + 1);
    if (kind === "split") v.splits!.push(rest);
    else if (kind === "tag") v.tags!.push(rest);
    else if (kind === "class") v.classes!.push(rest);
    else if (kind === "issue") v.issues!.push(rest);
    else if (kind === "range") {
      const [metric, min = "", max = ""] = rest.split(":");
      v.ranges!.push({ metric, min, max });
    }
  }
  return v;
}
