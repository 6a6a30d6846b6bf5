// ECharts, imported module by module to keep the bundle small: bar charts, histograms with
// quartile and outlier-bound lines. Charts follow the page theme (CSS variables).

import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, LegendComponent } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { Distribution } from "./api";
import { formatNumber } from "./dom";

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, MarkAreaComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

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
