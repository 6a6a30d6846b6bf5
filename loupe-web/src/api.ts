// Typed access to the Loupe JSON API (see /api/openapi.json). Every call sends the bearer token
// when the page was opened with one; errors become ApiError with the server's {error, detail}.

export interface CategoryCount { id: number; name: string; supercategory: string | null; annotations: number; images: number }
export interface IssueExample { itemType: string; itemId: number | null; file: string | null; location: string | null; message: string }
export interface IssueKindCount { kind: string; severity: string; count: number; examples: IssueExample[] }
export interface ProjectSummary {
  project: string; format: string; imagesRoot: string; labels: string | null; images: number; annotations: number;
  annotationsByKind: Record<string, number>; annotationsWithoutClass: number; crowdAnnotations: number; difficultAnnotations: number;
  categories: CategoryCount[]; splits: Record<string, number>; issues: { total: number; byKind: IssueKindCount[] };
}
export interface AnalysisRun { id: number; toolVersion: string; status: string; startedAt: string; finishedAt: string | null; message: string | null }
export interface AnalysisSummary { lastRun: AnalysisRun | null; imageMetrics: string[]; annotationMetrics: string[]; analysedImages: number; failures: number }
export interface IssueKindInfo { kind: string; source: "rule" | "import"; scope: Scope; count: number; description: string }
export interface TagCount { name: string; images: number; annotations: number }
export interface PredictionSetInfo { id: number; name: string; kind: "detection" | "classification"; format: string; iouType: string | null; predictions: number; images: number }
export interface SummaryView {
  project: ProjectSummary; analysis: AnalysisSummary; imageIssues: IssueKindInfo[]; annotationIssues: IssueKindInfo[];
  tags: TagCount[]; predictionSets: PredictionSetInfo[];
}
export interface MetricInfo { id: string; scope: Scope; kind: string; title: string; outliers: boolean; version: string }
export interface MetricStats {
  metricId: string; scope: Scope; title: string; count: number; missing: number; min: number | null; q1: number | null;
  median: number | null; q3: number | null; max: number | null; mean: number | null; moderate: number | null; severe: number | null;
}
export interface Distribution {
  metricId: string; count: number; missing: number; min: number | null; q1: number | null; median: number | null; q3: number | null;
  max: number | null; lowerModerate: number | null; upperModerate: number | null; lowerSevere: number | null; upperSevere: number | null;
  moderate: number | null; severe: number | null; binEdges: number[]; binCounts: number[];
}
/** Counts on a bins × bins grid of two metrics: counts[xBin][yBin]; bounds null when no item has both values. */
export interface Scatter {
  xMetric: string; yMetric: string; bins: number; count: number; missing: number; xMin: number | null; xMax: number | null;
  yMin: number | null; yMax: number | null; counts: number[][];
}
export interface Shape {
  id: number; categoryId: number | null; kind: "box" | "polygon" | "mask" | "label"; box: number[] | null;
  rings: number[][] | null; holes: boolean[] | null; maskCounts: number[] | null; maskHeight: number | null; maskWidth: number | null;
}
/** A prediction with its outcome under a set and IoU: tp, ignored (crowd) or the FP reason. */
export interface PredictionShape {
  id: number; category: string | null; score: number; outcome: string; annotationId: number | null; iou: number | null; shape: Shape;
}
export interface Hit {
  id: number; imageId: number; path: string; width: number | null; height: number | null; split: string | null;
  category: string | null; sortValue: number | null; shapes: Shape[];
  /** With a prediction set in the filter: the set's predictions on the image, and its missed ground truths (ids). */
  predictions?: PredictionShape[]; missed?: number[];
  /** With a classification set in the filter (classifier=): its top-1 class on the image and the probability. */
  top1?: ClassProbability | null;
}
export interface ClassProbability { category: string; probability: number }
/** GET /api/embedding-map: points of the 2-D map, each flagged by whether it meets the filter. */
export interface EmbeddingMapPoint { id: number; imageId: number; x: number; y: number; category: string | null; value: number | null; match: boolean; path: string }
export interface EmbeddingMapView { scope: Scope; total: number; colourMetric: string | null; points: EmbeddingMapPoint[] }
export interface ImageOutcomes { set: string; iou: number; predictions: PredictionShape[]; missed: number[] }
export interface SearchPage { total: number; offset: number; items: Hit[] }
export interface ItemIssue { kind: string; source: "import" | "rule"; severity: string; message: string; location: string | null }
export interface AnnotationDetail {
  id: number; category: string | null; shape: Shape; iscrowd: boolean; confidence: number | null;
  metrics: Record<string, number | string>; issues: ItemIssue[]; tags: string[];
}
export interface ItemDetail {
  id: number; path: string; width: number | null; height: number | null; format: string | null; split: string | null; fileSize: number;
  metrics: Record<string, number | string>; issues: ItemIssue[]; tags: string[]; annotations: AnnotationDetail[];
  previous: number | null; next: number | null;
  /** With ?set=: that set's outcomes on the image. */
  outcomes?: ImageOutcomes;
}
/** GET /api/images/{id}/similar: nearest images by cosine similarity of stored embeddings, most similar first. */
export interface SimilarImage { rank: number; imageId: number; path: string; similarity: number }
export interface SimilarView { imageId: number; model: string; neighbours: SimilarImage[] }
/** GET /api/annotations/{id}/similar: look-alike object crops in other images and their classes' shares. */
export interface SimilarObject { rank: number; similarity: number; item: Hit }
export interface SimilarObjectsView {
  annotationId: number; model: string; item: Hit; agreement: number | null; classes: { category: string; share: number }[]; neighbours: SimilarObject[];
}
export interface OutlierView { image: MetricStats[]; annotation: MetricStats[] }
export interface PredictionsView { sets: PredictionSetInfo[]; hint: string }
export type Scope = "image" | "annotation" | "prediction";

// GET /api/eval: the JSON of 'loupe eval --json' (NaN is null).
export interface RateStats { count: number; positives: number; rate: number | null; wilsonLow: number | null; wilsonHigh: number | null }
export interface BucketRow extends RateStats { lower: number | null; upper: number | null; upperInclusive: boolean }
export interface PerformanceTable { total: RateStats; buckets: BucketRow[]; missing: RateStats }
export interface MetricPerformance { bucketing: string; overall: PerformanceTable; byClass: Record<string, PerformanceTable> }
export interface ImportanceRow { metric: string; pairs: number; pearson: number | null; miBits: number | null; miNormalised: number | null;
  miCorrectedNats: number | null; forestImportance: number | null }
export interface ImportanceReport { items: number; positives: number; sampleTooSmall: boolean; sampleNote: string;
  forestNoiseShare: number | null; noiseLevel: number | null; metrics: ImportanceRow[] }
export interface SliceCondition { text: string; metric: string; lower: number | null; upper: number | null }
export interface Slice extends RateStats {
  description: string; conditions: SliceCondition[]; globalRate: number | null; gap: number | null; z: number | null; score: number | null;
}
export interface DetectionEval {
  predictionSet: { name: string; kind: "detection"; format: string; iouType: string };
  images: number; groundTruths: number; detections: number; notEvaluatedGroundTruths: Record<string, number>;
  summary: Record<string, number | null>;
  perClass: { id: number; name: string; ap: number | null; ap50: number | null; ap75: number | null; ar: number | null; tp: number; fp: number; fn: number }[];
  outcomes: { iouThreshold: number; tp: number; fp: number; fn: number; ignored: number; precision: number | null; recall: number | null;
    fpReasons: Record<string, number> };
  prCurves: { categoryId: number; name: string; iouThreshold: number; recall: (number | null)[]; precision: (number | null)[] }[];
  byMetric: { recallOfGroundTruths: Record<string, MetricPerformance>; precisionOfPredictions: Record<string, MetricPerformance> };
  importance: { detectedGroundTruth: ImportanceReport; truePositive: ImportanceReport; iouTimesTruePositive: ImportanceReport };
  worstSlices: { recallMinSupport: number; precisionMinSupport: number; byRecall: Slice[]; byPrecision: Slice[] };
}
export interface PrfScores { precision: number | null; recall: number | null; f1: number | null }
export interface ClassificationEval {
  predictionSet: { name: string; kind: "classification"; format: string };
  items: number; leftOut: Record<string, number>; accuracy: number | null; topK: Record<string, number | null>;
  macro: PrfScores; weighted: PrfScores;
  perClass: { id: number; name: string; precision: number | null; recall: number | null; f1: number | null; support: number; predicted: number }[];
  confusion: number[][];
}
export type EvalView = DetectionEval | ClassificationEval;

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
export interface SideSummary { count: number; missing: number; min: number | null; q1: number | null; median: number | null; q3: number | null;
  max: number | null; mean: number | null }
export interface MetricComparison { metricId: string; title: string; a: SideSummary; b: SideSummary; binEdges: number[]; countsA: number[];
  countsB: number[]; ks: { d: number | null; pValue: number | null; n: number; m: number; effectiveN: number } }
export interface DistributionsComparison { scope: Scope; bins: number; a: { selector: string; items: number }; b: { selector: string; items: number };
  metrics: MetricComparison[] }
export interface Delta { a: number | null; b: number | null; delta: number | null }
export interface SetsComparison {
  iouThreshold: number;
  a: { name: string; images: number; groundTruths: number; detections: number }; b: { name: string; images: number; groundTruths: number; detections: number };
  summary: Record<string, Delta>; outcomes: Record<string, Delta>;
  perClass: { id: number; name: string; metrics: Record<string, Delta> }[];
  prCurves: { iouThreshold: number; a: DetectionEval["prCurves"]; b: DetectionEval["prCurves"] };
}

/** GET /api/projects: the projects this server serves, each with the path of its app. */
export interface ProjectListing { name: string; path: string; base: string; images: number }

/** GET /api/label-issues: the ranking of 'loupe issues' (likeliest problem first), each with its image id. */
export interface LabelIssue {
  rank: number; kind: string; source: string; predictionSet: string | null; image: string; imageId: number; annotationId: number | null;
  box: number[] | null; givenLabel: string | null; suggestedLabel: string | null; score: number | null; reason: string;
}
export interface LabelIssuesView { entries: LabelIssue[]; total: number; set: string | null; method: string | null; notes: string[] }
