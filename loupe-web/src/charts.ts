// ECharts, imported module by module to keep the bundle small: bar charts, histograms with
// quartile and outlier-bound lines, line charts (PR curves), heatmaps (confusion matrices), binned
// scatters of two metrics with box selection.
// Charts follow the page theme (CSS variables).

import * as echarts from "echarts/core";
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { BrushComponent, GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, LegendComponent, VisualMapComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { image, thumbnailUrl, type Distribution, type EmbeddingMapPoint, type Scatter } from "./api";
import { formatNumber } from "./dom";

echarts.use([BarChart, LineChart, HeatmapChart, ScatterChart, BrushComponent, GridComponent, MarkLineComponent, MarkAreaComponent, TooltipComponent, LegendComponent,
  VisualMapComponent, CanvasRenderer]);

const live = new Set<echarts.ECharts>();
new ResizeObserver(() => live.forEach((c) => c.resize())).observe(document.documentElement);

function css(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function base(): Record<string, unknown> {
  const text = css("--muted");
  const line = css("--border");
  return {
    animation: false,
    textStyle: { color: text, fontFamily: css("--font") },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, backgroundColor: css("--panel"), borderColor: line,
      textStyle: { color: css("--text") } },
    grid: { left: 48, right: 16, top: 24, bottom: 36, containLabel: true },
  };
}

function axis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { axisLine: { lineStyle: { color: css("--border") } }, axisLabel: { color: css("--muted") },
    splitLine: { lineStyle: { color: css("--grid") } }, ...extra };
}

/** Mounts a chart on a fresh element; disposed when the element leaves the page. */
export function mount(el: HTMLElement, option: Record<string, unknown>, onClick?: (name: string, dataIndex: number) => void): echarts.ECharts {
  const chart = echarts.init(el, undefined, { renderer: "canvas" });
  chart.setOption({ ...base(), ...option });
  if (onClick) chart.on("click", (p) => onClick(String(p.name), p.dataIndex));
  // The instance on its element: the browser tests find a data point's pixel through it (convertToPixel).
  (el as HTMLElement & { chart?: echarts.ECharts }).chart = chart;
  live.add(chart);
  const obs = new MutationObserver(() => {
    if (!el.isConnected) {
      chart.dispose();
      live.delete(chart);
      obs.disconnect();
    }
  });
  obs.observe(document.body, { childList: true, subtree: true });
  return chart;
}

/** Horizontal or vertical bars for named counts; series are stacked. */
export function bars(el: HTMLElement, names: string[], series: { name: string; values: number[]; colour?: string }[],
                     opts: { horizontal?: boolean; stack?: boolean; onClick?: (name: string) => void } = {}): echarts.ECharts {
  const cat = axis({ type: "category", data: names, axisTick: { show: false }, axisLabel: { color: css("--muted"), width: 200, overflow: "truncate" } });
  const val = axis({ type: "value" });
  return mount(el, {
    legend: series.length > 1 ? { top: 0, right: 0, textStyle: { color: css("--muted") } } : undefined,
    grid: { left: 8, right: 24, top: series.length > 1 ? 28 : 12, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? val : cat,
    yAxis: opts.horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, stack: opts.stack === false ? undefined : "all", barMaxWidth: 28,
      itemStyle: { color: s.colour ?? css("--accent"), borderRadius: 3 }, emphasis: { focus: "series" } })),
  }, opts.onClick ? (n) => opts.onClick!(n) : undefined);
}

/** Histogram of a distribution with lines at the quartiles and the IQR outlier bounds. */
export function histogram(el: HTMLElement, d: Distribution, title: string): echarts.ECharts | null {
  if (d.binCounts.length === 0) return null;
  const edges = d.binEdges;
  const data = d.binCounts.map((c, i) => [(edges[i] + edges[i + 1]) / 2, c, edges[i], edges[i + 1]]);
  const width = edges.length > 1 ? edges[1] - edges[0] : 1;
  const lines: Record<string, unknown>[] = [];
  const add = (name: string, v: number | null, colour: string, type: string, label: boolean) => {
    if (v !== null && d.min !== null && d.max !== null && v >= d.min - width && v <= d.max + width) {
      lines.push({ name, xAxis: v, lineStyle: { color: colour, type, width: 1.5 }, ...(label ? {} : { label: { show: false } }) });
    }
  };
  // Q1 and Q3 sit close to the median: only the median and the outlier bounds are labelled (the legend names the rest).
  add("Q1", d.q1, css("--text"), "dashed", false);
  add("median", d.median, css("--text"), "solid", true);
  add("Q3", d.q3, css("--text"), "dashed", false);
  add("outlier", d.lowerModerate, css("--warn"), "dotted", true);
  add("outlier", d.upperModerate, css("--warn"), "dotted", true);
  return mount(el, {
    tooltip: { trigger: "item", backgroundColor: css("--panel"), borderColor: css("--border"), textStyle: { color: css("--text") },
      formatter: (p: { data: number[] }) => `${title}<br/>${formatNumber(p.data[2])} – ${formatNumber(p.data[3])}: <b>${p.data[1]}</b>` },
    grid: { left: 8, right: 16, top: 22, bottom: 4, containLabel: true },
    xAxis: axis({ type: "value", min: edges[0], max: edges[edges.length - 1], scale: true,
      axisLabel: { color: css("--muted"), formatter: (v: number) => formatNumber(Number(v.toPrecision(3)), 8) } }),
    yAxis: axis({ type: "value", minInterval: 1 }),
    series: [{
      type: "bar", data, barWidth: Math.max(1, ((el.clientWidth || 600) - 90) / d.binCounts.length * 0.9), itemStyle: { color: css("--accent"), borderRadius: [2, 2, 0, 0] },
      encode: { x: 0, y: 1 },
    }, {
      // The lines live on an empty series: on the bar series ECharts would snap them to the nearest bar.
      type: "line", data: [], silent: true,
      markLine: { symbol: "none", silent: true, precision: 12, label: { show: true, formatter: "{b}", color: css("--muted"), fontSize: 10 }, data: lines },
    }],
  });
}

/** A bar per bucket with a rate in [0, 1]; the tooltip gives the rate and the counts behind it. */
export function rateBars(el: HTMLElement, names: string[], rates: (number | null)[], counts: { positives: number; count: number }[],
                         what: string, colour?: string, onClick?: (index: number) => void): echarts.ECharts {
  const chart = mount(el, {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, backgroundColor: css("--panel"), borderColor: css("--border"),
      textStyle: { color: css("--text") },
      formatter: (ps: { dataIndex: number }[]) => {
        const i = ps[0].dataIndex;
        const r = rates[i];
        return `${names[i]}<br/>${what} <b>${r === null ? "–" : r.toFixed(3)}</b><br/>${counts[i].positives} of ${counts[i].count}`;
      } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: axis({ type: "category", data: names, axisTick: { show: false }, axisLabel: { color: css("--muted"), fontSize: 11, interval: 0, width: 110, overflow: "truncate" } }),
    yAxis: axis({ type: "value", min: 0, max: 1 }),
    series: [{ type: "bar", name: what, data: rates.map((r) => r ?? 0), barMaxWidth: 48,
      itemStyle: { color: colour ?? css("--accent"), borderRadius: [3, 3, 0, 0] } }],
  }, onClick ? (_, i) => onClick(i) : undefined);
  if (onClick) el.classList.add("clickable");
  return chart;
}

/** Lines through (x, y) points, one series per name, with a legend; both axes 0..1. */
export function lines(el: HTMLElement, series: { name: string; points: [number, number][]; colour: string }[],
                      xName: string, yName: string): echarts.ECharts {
  return mount(el, {
    tooltip: { trigger: "item", backgroundColor: css("--panel"), borderColor: css("--border"), textStyle: { color: css("--text") },
      formatter: (p: { seriesName: string; data: number[] }) => `${p.seriesName}<br/>${xName} ${p.data[0].toFixed(2)} · ${yName} ${p.data[1].toFixed(3)}` },
    legend: { type: "scroll", orient: "vertical", right: 0, top: 8, bottom: 8, textStyle: { color: css("--muted") },
      pageTextStyle: { color: css("--muted") } },
    grid: { left: 28, right: 170, top: 16, bottom: 30, containLabel: true },
    xAxis: axis({ type: "value", min: 0, max: 1, name: xName, nameLocation: "middle", nameGap: 26 }),
    yAxis: axis({ type: "value", min: 0, max: 1, name: yName, nameLocation: "middle", nameGap: 34 }),
    series: series.map((s) => ({ type: "line", name: s.name, data: s.points, showSymbol: false, step: false,
      lineStyle: { width: 1.8, color: s.colour }, itemStyle: { color: s.colour }, emphasis: { focus: "series" } })),
  });
}

/** A matrix of counts (rows: true class, columns: predicted class) as a heatmap with the counts written in. */
export function heatmap(el: HTMLElement, labels: string[], matrix: number[][], onClick?: (row: number, column: number) => void): echarts.ECharts {
  const data: [number, number, number][] = [];
  let max = 1;
  matrix.forEach((row, i) => row.forEach((v, j) => { data.push([j, i, v]); max = Math.max(max, v); }));
  const longest = Math.min(90, 7 * Math.max(...labels.map((l) => l.length)));
  const tilt = labels.length > 8;
  const cat = (name: string, gap: number, x: boolean) => axis({ type: "category", data: labels, name, nameLocation: "middle", nameGap: gap,
    splitArea: { show: false }, axisTick: { show: false },
    axisLabel: { color: css("--muted"), width: 90, overflow: "truncate", interval: 0, rotate: x && tilt ? 45 : 0 } });
  return mount(el, {
    tooltip: { trigger: "item", backgroundColor: css("--panel"), borderColor: css("--border"), textStyle: { color: css("--text") },
      formatter: (p: { data: number[] }) => `true ${labels[p.data[1]]} → predicted ${labels[p.data[0]]}: <b>${p.data[2]}</b>` },
    grid: { left: 28, right: 16, top: 8, bottom: tilt ? 28 : 56, containLabel: true },
    xAxis: cat("predicted", tilt ? longest + 10 : 28, true),
    yAxis: { ...cat("true", longest + 14, false), inverse: true },
    visualMap: { min: 0, max, show: false, inRange: { color: [css("--panel-2"), css("--accent")] } },
    series: [{ type: "heatmap", data, label: { show: labels.length <= 30, color: css("--text"), fontSize: 11 },
      itemStyle: { borderColor: css("--panel"), borderWidth: 1 } }],
  }, onClick ? (_, i) => onClick(data[i][1], data[i][0]) : undefined);
}

/**
 * A binned scatter: one square per non-empty cell of the grid, shaded by its count (log scale), on
 * value axes in metric units. Dragging a box calls onSelect with the metric ranges it covers,
 * widened to whole cells so that every item of a touched cell stays in.
 */
export function binnedScatter(el: HTMLElement, s: Scatter, xTitle: string, yTitle: string,
                              onSelect: (x: [number, number], y: [number, number]) => void): echarts.ECharts | null {
  if (s.count === 0 || s.xMin === null || s.xMax === null || s.yMin === null || s.yMax === null) return null;
  const n = s.bins;
  const xMin = s.xMin;
  const yMin = s.yMin;
  const xw = s.xMax > xMin ? (s.xMax - xMin) / n : 1;
  const yw = s.yMax > yMin ? (s.yMax - yMin) / n : 1;
  const data: number[][] = [];
  let max = 1;
  s.counts.forEach((col, i) => col.forEach((c, j) => {
    if (c > 0) {
      data.push([xMin + (i + 0.5) * xw, yMin + (j + 0.5) * yw, c, i, j]);
      max = Math.max(max, c);
    }
  }));
  const grid = { left: 64, right: 20, top: 12, bottom: 46 };
  const cell = () => [Math.max(2, ((el.clientWidth || 600) - grid.left - grid.right) / n), Math.max(2, ((el.clientHeight || 300) - grid.top - grid.bottom) / n)];
  const label = (v: number) => formatNumber(Number(v.toPrecision(3)), 8);
  const chart = mount(el, {
    tooltip: { trigger: "item", backgroundColor: css("--panel"), borderColor: css("--border"), textStyle: { color: css("--text") },
      formatter: (p: { data: number[] }) => `${xTitle} ${label(xMin + p.data[3] * xw)} – ${label(xMin + (p.data[3] + 1) * xw)}<br/>`
        + `${yTitle} ${label(yMin + p.data[4] * yw)} – ${label(yMin + (p.data[4] + 1) * yw)}<br/><b>${p.data[2]}</b>` },
    grid,
    xAxis: axis({ type: "value", min: xMin, max: xMin + n * xw, name: xTitle, nameLocation: "middle", nameGap: 28,
      axisLabel: { color: css("--muted"), formatter: label } }),
    yAxis: axis({ type: "value", min: yMin, max: yMin + n * yw, name: yTitle, nameLocation: "middle", nameGap: 48,
      axisLabel: { color: css("--muted"), formatter: label } }),
    visualMap: { min: 0, max: Math.log1p(max), dimension: 5, show: false,
      // one item must stay visible on the dark theme too: the accent from a third of its opacity up
      inRange: { color: [css("--accent"), css("--accent")], colorAlpha: [0.35, 1] } },
    brush: { xAxisIndex: 0, yAxisIndex: 0, brushType: "rect", brushMode: "single", transformable: false, throttleType: "debounce",
      brushStyle: { borderWidth: 1, color: "rgba(120,140,255,0.15)", borderColor: css("--accent") }, outOfBrush: { colorAlpha: 0.25 } },
    series: [{ type: "scatter", symbol: "rect", symbolSize: () => cell(), data: data.map((d) => [...d, Math.log1p(d[2])]),
      emphasis: { itemStyle: { borderColor: css("--text"), borderWidth: 1 } } }],
  });
  chart.dispatchAction({ type: "takeGlobalCursor", key: "brush", brushOption: { brushType: "rect", brushMode: "single" } });
  chart.on("brushEnd", (e) => {
    const area = (e as { areas?: { coordRange?: number[][] }[] }).areas?.[0];
    const r = area?.coordRange;
    if (!r || r.length < 2) return;
    // The outer edges are the exact bounds, so that rounding never drops the minimum or the maximum.
    const snap = (v: number, lo: number, hi: number, w: number, up: boolean) => {
      const k = Math.min(n, Math.max(0, up ? Math.ceil((v - lo) / w) : Math.floor((v - lo) / w)));
      return k === 0 ? lo : k === n ? hi : lo + k * w;
    };
    onSelect([snap(r[0][0], xMin, s.xMax!, xw, false), snap(r[0][1], xMin, s.xMax!, xw, true)],
      [snap(r[1][0], yMin, s.yMax!, yw, false), snap(r[1][1], yMin, s.yMax!, yw, true)]);
  });
  return chart;
}

/** Two histograms on shared bin edges, overlaid (side A accent, side B second accent); compact drops axes and tooltip. */
export function overlaidHistogram(el: HTMLElement, edges: number[], countsA: number[], countsB: number[], names: [string, string],
                                  opts: { compact?: boolean; normalise?: boolean } = {}): echarts.ECharts | null {
  if (countsA.length === 0) return null;
  const sumA = countsA.reduce((s, v) => s + v, 0) || 1;
  const sumB = countsB.reduce((s, v) => s + v, 0) || 1;
  const norm = opts.normalise !== false;
  const series = (counts: number[], sum: number, name: string, colour: string) => ({
    type: "bar", name, barGap: "-100%", barCategoryGap: "0%",
    data: counts.map((c, i) => ({ value: norm ? c / sum : c, count: c, lo: edges[i], hi: edges[i + 1] })),
    itemStyle: { color: colour, opacity: 0.55 },
  });
  const label = (v: number) => formatNumber(Number(v.toPrecision(3)), 8);
  const mids = countsA.map((_, i) => label((edges[i] + edges[i + 1]) / 2));
  return mount(el, {
    tooltip: opts.compact ? { show: false } : { trigger: "axis", axisPointer: { type: "shadow" }, backgroundColor: css("--panel"),
      borderColor: css("--border"), textStyle: { color: css("--text") },
      formatter: (ps: { seriesName: string; data: { count: number; lo: number; hi: number; value: number } }[]) =>
        `${label(ps[0].data.lo)} – ${label(ps[0].data.hi)}<br/>` + ps.map((p) =>
          `${p.seriesName}: <b>${p.data.count}</b>${norm ? ` (${(100 * p.data.value).toFixed(1)}%)` : ""}`).join("<br/>") },
    legend: opts.compact ? undefined : { top: 0, right: 0, textStyle: { color: css("--muted") } },
    grid: opts.compact ? { left: 0, right: 0, top: 2, bottom: 0 } : { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
    xAxis: axis({ type: "category", data: mids, show: !opts.compact, axisTick: { show: false } }),
    yAxis: axis({ type: "value", show: !opts.compact, name: opts.compact ? undefined : norm ? "share" : "items" }),
    series: [series(countsA, sumA, names[0], css("--accent")), series(countsB, sumB, names[1], css("--accent-2"))],
  });
}

/**
 * The embedding map as points: coloured by class (one series each, with a legend) or by a metric
 * (continuous scale), items outside the filter grey. Hovering shows the item's thumbnail; a box or a
 * lasso (polygon) selects points and calls onSelect with their ids.
 */
export function pointMap(el: HTMLElement, points: EmbeddingMapPoint[], opts: { byMetric: string | null; colourOf: (category: string | null) => string;
  tool: "rect" | "polygon"; onSelect: (ids: number[]) => void }): echarts.ECharts {
  const row = (p: EmbeddingMapPoint, i: number) => [p.x, p.y, p.value ?? 0, p.id, p.imageId, i];
  const outside = points.filter((p) => !p.match);
  const inside = points.filter((p) => p.match);
  type Series = { name: string; data: number[][]; colour?: string; members: EmbeddingMapPoint[] };
  const groups: Series[] = [];
  const byTag = opts.byMetric?.startsWith("tag:") ? opts.byMetric.slice(4) : null;
  if (byTag !== null) {
    const tagged = inside.filter((p) => p.value === 1);
    const untagged = inside.filter((p) => p.value !== 1);
    groups.push({ name: `tagged ${byTag}`, data: tagged.map(row), colour: "#f05252", members: tagged });
    groups.push({ name: `not tagged`, data: untagged.map(row), colour: "#3f83f8", members: untagged });
  } else if (opts.byMetric) {
    groups.push({ name: opts.byMetric, data: inside.map(row), members: inside });
  } else {
    const byClass = new Map<string, EmbeddingMapPoint[]>();
    inside.forEach((p) => { const k = p.category ?? "no class"; byClass.set(k, [...(byClass.get(k) ?? []), p]); });
    [...byClass.entries()].sort((a, b) => b[1].length - a[1].length)
      .forEach(([k, members]) => groups.push({ name: k, data: members.map(row), colour: opts.colourOf(k === "no class" ? null : k), members }));
  }
  if (outside.length) groups.push({ name: "outside the filter", data: outside.map(row), colour: css("--muted"), members: outside });
  const values = inside.map((p) => p.value).filter((v): v is number => v !== null);
  const size = points.length > 5000 ? 3 : points.length > 1000 ? 5 : 7;
  const chart = mount(el, {
    tooltip: { trigger: "item", backgroundColor: css("--panel"), borderColor: css("--border"), textStyle: { color: css("--text") },
      formatter: (p: { seriesIndex: number; dataIndex: number }, ticket: string, callback: (t: string, html: string) => void) => {
        const m = groups[p.seriesIndex]?.members[p.dataIndex];
        if (!m) return "";
        const text = `${m.path}<br/>${m.category ?? "no class"}${m.value !== null && opts.byMetric ? ` · ${formatNumber(m.value)}` : ""}`;
        image(thumbnailUrl(m.imageId, 128)).then((img) => callback(ticket,
          `<img src="${img.src}" style="display:block;max-width:128px;max-height:128px;margin-bottom:4px"/>${text}`)).catch(() => undefined);
        return text;
      } },
    legend: opts.byMetric && !byTag ? undefined : { type: "scroll", top: 0, right: 0, left: 0, textStyle: { color: css("--muted") },
      pageTextStyle: { color: css("--muted") } },
    grid: { left: 8, right: 8, top: opts.byMetric && !byTag ? 12 : 36, bottom: 8, containLabel: true },
    xAxis: axis({ type: "value", scale: true, axisLabel: { show: false } }),
    yAxis: axis({ type: "value", scale: true, axisLabel: { show: false } }),
    visualMap: opts.byMetric && !byTag && values.length ? { min: Math.min(...values), max: Math.max(...values), dimension: 2, seriesIndex: 0,
      calculable: false, orient: "horizontal", left: "center", bottom: 0, itemHeight: 120, textStyle: { color: css("--muted") },
      inRange: { color: ["#3f83f8", "#faca15", "#f05252"] } } : undefined,
    brush: { xAxisIndex: 0, yAxisIndex: 0, brushType: opts.tool, brushMode: "single", transformable: false, throttleType: "debounce",
      brushStyle: { borderWidth: 1, color: "rgba(120,140,255,0.15)", borderColor: css("--accent") }, outOfBrush: { colorAlpha: 0.2 } },
    series: groups.map((g) => ({ type: "scatter", name: g.name, data: g.data, symbolSize: g.name === "outside the filter" ? size - 1 : size,
      itemStyle: { ...(g.colour ? { color: g.colour } : {}), opacity: g.name === "outside the filter" ? 0.35 : 1 } })),
  });
  chart.dispatchAction({ type: "takeGlobalCursor", key: "brush", brushOption: { brushType: opts.tool, brushMode: "single" } });
  let selected: number[] = [];
  chart.on("brushselected", (e) => {
    const batch = (e as { batch?: { selected: { seriesIndex: number; dataIndex: number[] }[] }[] }).batch?.[0];
    selected = [];
    batch?.selected.forEach((s) => s.dataIndex.forEach((i) => {
      const m = groups[s.seriesIndex]?.members[i];
      if (m) selected.push(m.id);
    }));
  });
  chart.on("brushEnd", () => { setTimeout(() => opts.onSelect(selected), 0); });
  (el as HTMLElement & { groups?: Series[] }).groups = groups;
  return chart;
}
