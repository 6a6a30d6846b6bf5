// What every page shares: the project summary and the metric catalogue, loaded once and
// refreshed after changes (tags).

import { get, type MetricInfo, type ProjectOverview } from "./api";

export interface AppData { summary: ProjectOverview; metrics: MetricInfo[] }

let data: Promise<AppData> | null = null;

export function appData(): Promise<AppData> {
  if (!data) {
    data = Promise.all([get<ProjectOverview>("/api/summary"), get<MetricInfo[]>("/api/metrics")])
      .then(([summary, metrics]) => ({ summary, metrics }));
    data.catch(() => { data = null; });
  }
  return data;
}

export function refreshAppData(): void {
  data = null;
}

export function metricTitle(d: AppData, id: string): string {
  const m = d.metrics.find((x) => x.id === id);
  return m ? m.title : id;
}

export function numericMetrics(d: AppData, scope: string): MetricInfo[] {
  return d.metrics.filter((m) => m.scope === scope && m.kind !== "hash");
}
