// The Explorer's state: filter, sort and page, read from and written to the URL (#/explorer?...),
// with the same parameter names as the API so a view can be shared and sent straight to the server.

import type { Scope } from "./api";

export interface Range { metric: string; min: string; max: string }
export interface ViewState {
  scope: Scope; classes: string[]; tags: string[]; issues: string[]; splits: string[]; ranges: Range[];
  sort: string; order: "asc" | "desc"; page: number;
  /** Outcomes: a detection prediction set's name ("" for none), its IoU threshold and the outcomes kept. */
  set: string; iou: string; outcomes: string[];
  /** A classification set whose top-1 predictions filter and caption the items ("" for none), the predicted
   *  classes kept, and whether only misclassified images are kept. */
  classifier: string; predicted: string[]; wrong: boolean;
  /** An explicit list of item ids (a confusion-matrix cell's items), empty for none. */
  ids: number[];
  /** Text the image path must contain (file-name search, ignoring case); "" for any. */
  path: string;
  /** The filter's readable text form (`image.brightness<0.2 and class=WBC`, as `loupe export --where` takes it);
   *  sent as is, the server compiles it to the same parameters. "" for none. */
  where: string;
  /** Whether the Explorer shows its histogram and scatter above the grid (collapsed by default: the grid comes first). */
  charts: boolean;
  /** Whether the Explorer shows the embedding map (points) above the grid. */
  map: boolean;
}

export const DEFAULT_IOU = "0.5";

export const PAGE_SIZE = 48;

export function emptyState(scope: Scope = "image"): ViewState {
  return { scope, classes: [], tags: [], issues: [], splits: [], ranges: [], sort: "id", order: "asc", page: 0, set: "", iou: DEFAULT_IOU, outcomes: [], charts: false, map: false, path: "", where: "", classifier: "", predicted: [], wrong: false, ids: [] };
}

export function parse(query: string): ViewState {
  const p = new URLSearchParams(query);
  const scope = p.get("scope");
  const s = emptyState(scope === "annotation" || scope === "prediction" ? scope : "image");
  s.set = p.get("set") ?? "";
  s.iou = p.get("iou") || DEFAULT_IOU;
  s.outcomes = p.getAll("outcome");
  s.classes = p.getAll("class");
  s.tags = p.getAll("tag");
  s.issues = p.getAll("issue");
  s.splits = p.getAll("split");
  s.ranges = p.getAll("range").map((r) => {
    const [metric, min = "", max = ""] = r.split(":");
    return { metric, min, max };
  }).filter((r) => r.metric);
  s.sort = p.get("sort") || "id";
  s.order = p.get("order") === "desc" ? "desc" : "asc";
  s.page = Math.max(0, Number.parseInt(p.get("page") ?? "0", 10) || 0);
  s.charts = p.get("charts") === "1";
  s.map = p.get("map") === "1";
  s.path = p.get("path") ?? "";
  s.where = p.get("where") ?? "";
  s.classifier = p.get("classifier") ?? "";
  s.predicted = p.getAll("predicted");
  s.wrong = p.get("wrong") === "1";
  s.ids = (p.get("ids") ?? "").split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0);
  return s;
}

/** The filter part only, as API query parameters. */
export function filterParams(s: ViewState): URLSearchParams {
  const p = new URLSearchParams();
  p.set("scope", s.scope);
  s.classes.forEach((v) => p.append("class", v));
  s.tags.forEach((v) => p.append("tag", v));
  s.issues.forEach((v) => p.append("issue", v));
  s.splits.forEach((v) => p.append("split", v));
  s.ranges.forEach((r) => p.append("range", `${r.metric}:${r.min}:${r.max}`));
  if (s.path) p.set("path", s.path);
  if (s.where) p.set("where", s.where);
  if (s.ids.length) p.set("ids", s.ids.join(","));
  if (s.classifier) {
    p.set("classifier", s.classifier);
    s.predicted.forEach((v) => p.append("predicted", v));
    if (s.wrong) p.set("wrong", "1");
  }
  if (s.set) {
    p.set("set", s.set);
    if (s.iou !== DEFAULT_IOU) p.set("iou", s.iou);
    s.outcomes.forEach((v) => p.append("outcome", v));
  }
  return p;
}

/** Filter, sort and page: what the URL holds. */
export function viewParams(s: ViewState): URLSearchParams {
  const p = filterParams(s);
  if (s.sort !== "id") p.set("sort", s.sort);
  if (s.order !== "asc") p.set("order", s.order);
  if (s.page > 0) p.set("page", String(s.page));
  if (s.charts) p.set("charts", "1");
  if (s.map) p.set("map", "1");
  return p;
}

export function searchQuery(s: ViewState, offset: number, limit: number): string {
  const p = filterParams(s);
  if (s.sort !== "id") p.set("sort", s.sort);
  p.set("order", s.order);
  p.set("offset", String(offset));
  p.set("limit", String(limit));
  return p.toString();
}

export function explorerHref(s: Partial<ViewState>): string {
  return "#/explorer?" + viewParams({ ...emptyState(s.scope), ...s }).toString();
}

export function isFiltered(s: ViewState): boolean {
  return s.classes.length + s.tags.length + s.issues.length + s.splits.length + s.ranges.length + s.outcomes.length + s.predicted.length + s.ids.length > 0
    || s.path !== "" || s.where !== "" || s.wrong;
}
