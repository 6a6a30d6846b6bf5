// Typed access to the Loupe JSON API (see /api/openapi.json). Every call sends the bearer token
// when the page was opened with one; errors become ApiError with the server's {error, detail}.
// The wire types are the document's component schemas: src/generated/api-schema.ts is written from
// loupe-server's openapi.json by openapi-typescript at every build, so tsc checks the app against it.

import type { components } from "./generated/api-schema";

type Schemas = components["schemas"];

export type CategoryCount = Schemas["CategoryCount"];
export type IssueExample = Schemas["IssueExample"];
export type IssueKindCount = Schemas["IssueKindCount"];
export type ProjectSummary = Schemas["ProjectSummary"];
export type AnalysisRun = Schemas["AnalysisRun"];
export type AnalysisSummary = Schemas["AnalysisSummary"];
export type IssueKindInfo = Schemas["IssueKindInfo"];
export type TagCount = Schemas["TagCount"];
export type PredictionSetInfo = Schemas["PredictionSetInfo"];
export type ProjectOverview = Schemas["ProjectOverview"];
export type RuleFinding = Schemas["RuleFinding"];
export type MetricInfo = Schemas["MetricInfo"];
export type MetricStats = Schemas["MetricStats"];
export type Distribution = Schemas["Distribution"];
/** Counts on a bins × bins grid of two metrics: counts[xBin][yBin]; bounds null when no item has both values. */
export type Scatter = Schemas["Scatter"];
export type Shape = Schemas["Shape"];
/** A prediction with its outcome under a set and IoU: tp, ignored (crowd) or the FP reason. */
export type PredictionShape = Schemas["PredictionShape"];
export type Hit = Schemas["Hit"];
export type ClassProbability = Schemas["ClassProbability"];
/** GET /api/embedding-map: points of the 2-D map, each flagged by whether it meets the filter. */
export type EmbeddingMapPoint = Schemas["EmbeddingMapPoint"];
export type EmbeddingMapView = Schemas["EmbeddingMapView"];
export type ImageOutcomes = Schemas["ImageOutcomes"];
export type SearchPage = Schemas["SearchPage"];
export type ItemIssue = Schemas["ItemIssue"];
export type AnnotationDetail = Schemas["AnnotationDetail"];
export type ItemDetail = Schemas["ItemDetail"];
/** GET /api/images/{id}/similar: nearest images by cosine similarity of stored embeddings, most similar first. */
export type SimilarImage = Schemas["SimilarImage"];
export type SimilarView = Schemas["SimilarView"];
/** GET /api/annotations/{id}/similar: look-alike object crops in other images and their classes' shares. */
export type SimilarObject = Schemas["SimilarObject"];
export type SimilarObjectsView = Schemas["SimilarObjectsView"];
export type OutlierView = Schemas["OutlierView"];
export type PredictionsView = Schemas["PredictionsView"];
export type Scope = Schemas["Scope"];

// GET /api/eval: the JSON of 'loupe eval --json' (NaN is null).
export type RateStats = Schemas["RateStats"];
export type BucketRow = Schemas["BucketRow"];
export type PerformanceTable = Schemas["PerformanceTable"];
export type MetricPerformance = Schemas["MetricPerformance"];
export type ImportanceRow = Schemas["ImportanceRow"];
export type ImportanceReport = Schemas["ImportanceReport"];
export type SliceCondition = Schemas["SliceCondition"];
export type Slice = Schemas["Slice"];
export type DetectionEval = Schemas["DetectionEval"];
export type PrfScores = Schemas["PrfScores"];
export type ClassificationEval = Schemas["ClassificationEval"];
export type EvalView = Schemas["EvalView"];

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, detail: string) {
    super(detail);
  }
}

const TOKEN_KEY = "loupe.token";

/** Takes a token handed over in the URL fragment (#token=...) into session storage. */
export function adoptTokenFromUrl(): boolean {
  const m = /^#token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    history.replaceState(null, "", location.pathname + "#/");
  }
  return m !== null;
}

export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(t: string): void {
  sessionStorage.setItem(TOKEN_KEY, t);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const t = token();
  return t ? { ...extra, Authorization: `Bearer ${t}` } : extra;
}

async function failure(r: Response): Promise<ApiError> {
  try {
    const body = await r.json();
    return new ApiError(r.status, body.error ?? "error", body.detail ?? r.statusText);
  } catch {
    return new ApiError(r.status, "error", `${r.status} ${r.statusText}`);
  }
}

/**
 * Where this project's API lives: "/" when the server serves one project, "/p/NAME/" when it serves
 * several (the page is then at that path). Every "/api/..." path of this module is taken relative to it,
 * except the server-wide project list.
 */
export const PROJECT_BASE = /^\/p\/[^/]+\//.exec(location.pathname)?.[0] ?? "/";

function url(path: string): string {
  return path.startsWith("/api/") && path !== "/api/projects" ? PROJECT_BASE + path.slice(1) : path;
}

export async function get<T>(path: string): Promise<T> {
  const r = await fetch(url(path), { headers: headers() });
  if (!r.ok) throw await failure(r);
  return r.json() as Promise<T>;
}

export async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(url(path), { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify(body) });
  if (!r.ok) throw await failure(r);
  return r.json() as Promise<T>;
}

/** Fetches a binary resource (thumbnail, file, export) with the token. */
export async function blob(path: string): Promise<{ blob: Blob; name: string | null }> {
  const r = await fetch(url(path), { headers: headers() });
  if (!r.ok) throw await failure(r);
  const cd = r.headers.get("Content-Disposition");
  const m = cd ? /filename="([^"]+)"/.exec(cd) : null;
  return { blob: await r.blob(), name: m ? m[1] : null };
}

const imageCache = new Map<string, Promise<HTMLImageElement>>();

/** Loads an image through fetch (so the token is sent) and caches the decoded element. */
export function image(path: string): Promise<HTMLImageElement> {
  let p = imageCache.get(path);
  if (!p) {
    p = blob(path).then(({ blob: b }) => new Promise<HTMLImageElement>((resolve, reject) => {
      const img = new Image();
      img.onload = () => resolve(img);
      img.onerror = () => reject(new Error(`cannot decode ${path}`));
      img.src = URL.createObjectURL(b);
    }));
    p.catch(() => imageCache.delete(path));
    imageCache.set(path, p);
    if (imageCache.size > 600) {
      const first = imageCache.keys().next().value as string;
      imageCache.get(first)?.then((img) => URL.revokeObjectURL(img.src)).catch(() => undefined);
      imageCache.delete(first);
    }
  }
  return p;
}

export function thumbnailUrl(imageId: number, size: number): string {
  return `/api/images/${imageId}/thumbnail?size=${size}`;
}

// GET /api/compare/distributions and /api/compare/sets (NaN is null).
export type SideSummary = Schemas["SideSummary"];
export type MetricComparison = Schemas["MetricComparison"];
export type DistributionsComparison = Schemas["DistributionsComparison"];
export type Delta = Schemas["Delta"];
export type SetsComparison = Schemas["SetsComparison"];

/** GET /api/projects: the projects this server serves, each with the path of its app. */
export type ProjectListing = Schemas["ProjectListing"];

/** GET /api/label-issues: the ranking of 'loupe issues' (likeliest problem first), each with its image id. */
export type LabelIssue = Schemas["LabelIssue"];
export type LabelIssuesView = Schemas["LabelIssuesView"];
