import { get, post, type Distribution, type Hit, type IssueKindInfo, type LabelIssue, type LabelIssuesView, type SearchPage, type SimilarObjectsView } from "../api";
import { appData, type AppData } from "../app";
import { clear, emptyState, formatNumber, h, spinner, toast } from "../dom";
import { explorerHref, type ViewState } from "../filter";
import { card, header, pill, thumbCanvas } from "./common";

const SHAPE_METRIC = "annotation.shape_anomaly";
const AGREEMENT_METRIC = "annotation.quality";
/** Suspects listed, and look-alikes shown beside each. */
const SUSPECTS = 8;
const LOOK_ALIKES = 6;

/** Label quality: annotation issues (rules and import checks) and shape outliers, each a ranked list. */
export async function renderLabels(page: HTMLElement): Promise<void> {
  page.appendChild(spinner());
  const d = await appData();
  clear(page);
  page.appendChild(header("Label quality", "Labels most likely to be wrong, worst first: the label-error ranking (box defects, then a model's "
    + "or Loupe's own classifier's disagreement), labels their look-alikes disagree with, then the rules and import checks: duplicates, "
    + "tiny boxes, boxes on or past the border, degenerate shapes and unusual shapes (Hu moments)."));
  const kinds = d.summary.annotationIssues;
  const hasShape = d.metrics.some((m) => m.id === SHAPE_METRIC);
  const hasAgreement = d.metrics.some((m) => m.id === AGREEMENT_METRIC);
  if (kinds.length === 0 && !hasShape && !hasAgreement) {
    page.appendChild(rankingSection(d));
    page.appendChild(emptyState("No annotation checks yet", "Run 'loupe analyze PROJECT' to compute annotation metrics and apply the issue rules."));
    return;
  }
  page.appendChild(rankingSection(d));
  const overview = h("div", { class: "chips" }, kinds.map((k) => h("a", { class: `chip${k.count ? "" : " zero"}`, href: `#sec-${k.kind}`,
    onclick: (e: Event) => { e.preventDefault(); document.getElementById(`sec-${k.kind}`)?.scrollIntoView({ behavior: "smooth" }); } },
  k.kind, h("b", {}, formatNumber(k.count)))));
  page.appendChild(overview);
  if (hasAgreement) page.appendChild(agreementSection());
  const sorted = [...kinds].sort((a, b) => Number(b.count > 0) - Number(a.count > 0));
  for (const k of sorted) page.appendChild(section(k));
  if (hasShape) page.appendChild(await shapeSection());
}

function ruleOrder(k: IssueKindInfo): Partial<ViewState> {
  const m = /\((annotation\.[a-z0-9_.]+) (<=|<|>=|>|=)/.exec(k.description);
  if (!m) return {};
  return { sort: m[1], order: m[2].startsWith(">") ? "desc" : "asc" };
}

function section(k: IssueKindInfo): HTMLElement {
  const order = k.source === "rule" ? ruleOrder(k) : {};
  const view: Partial<ViewState> = { scope: "annotation", issues: [k.kind], ...order };
  const strip = h("div", { class: "ranked" });
  const body = h("div", {}, h("p", { class: "muted" }, k.description), strip);
  if (k.count === 0) {
    strip.appendChild(h("p", { class: "ok-text" }, "✓ No annotation flagged."));
  } else {
    strip.appendChild(spinner());
    const p = new URLSearchParams({ scope: "annotation", issue: k.kind, limit: "10", order: order.order ?? "asc" });
    if (order.sort) p.set("sort", order.sort);
    get<SearchPage>(`/api/search?${p}`).then((r) => {
      clear(strip);
      r.items.forEach((hit, i) => strip.appendChild(h("a", { class: "ranked-item", href: `#/item/${hit.imageId}?focus=${hit.id}` },
        h("span", { class: "rank" }, `${i + 1}`), thumbCanvas(hit, true),
        h("div", { class: "thumb-caption" }, h("span", {}, `${hit.category ?? "?"} #${hit.id}`),
          hit.sortValue !== null ? h("span", { class: "thumb-value" }, formatNumber(hit.sortValue)) : null))));
    }).catch((e) => { clear(strip); strip.appendChild(h("p", { class: "error-text" }, e.message)); });
  }
  const c = card(k.kind, body, h("div", { class: "row" }, pill(k.source, k.source), h("strong", {}, `${formatNumber(k.count)} annotations`),
    k.count ? h("a", { class: "btn ghost", href: explorerHref(view) }, "Open in Explorer →") : null));
  c.id = `sec-${k.kind}`;
  return c;
}

async function shapeSection(): Promise<HTMLElement> {
  const dist = await get<Distribution>(`/api/distribution?scope=annotation&metric=${SHAPE_METRIC}&bins=10`);
  const strip = h("div", { class: "ranked" });
  const outliers = (dist.moderate ?? 0) + (dist.severe ?? 0);
  const body = h("div", {}, h("p", { class: "muted" }, "How far each object's Hu-moment shape lies from its class's typical shape; "
    + `the highest are the odd ones out (outliers beyond ${formatNumber(dist.upperModerate)}).`), strip);
  const r = await get<SearchPage>(`/api/search?scope=annotation&sort=${SHAPE_METRIC}&order=desc&limit=10`);
  r.items.forEach((hit, i) => strip.appendChild(h("a", { class: "ranked-item", href: `#/item/${hit.imageId}?focus=${hit.id}` },
    h("span", { class: "rank" }, `${i + 1}`), thumbCanvas(hit, true),
    h("div", { class: "thumb-caption" }, h("span", {}, `${hit.category ?? "?"} #${hit.id}`), h("span", { class: "thumb-value" }, formatNumber(hit.sortValue))))));
  const c = card("Shape outliers (Hu moments)", body, h("div", { class: "row" }, h("strong", {}, `${formatNumber(outliers)} outliers`),
    h("a", { class: "btn ghost", href: explorerHref({ scope: "annotation", sort: SHAPE_METRIC, order: "desc" }) }, "Open in Explorer →")));
  c.id = "sec-shape";
  return c;
}

/**
 * Labels that their look-alikes disagree with (annotation.quality from 'loupe embed', lowest first):
 * each suspect beside its most similar crops in other images, with the class they suggest.
 */
function agreementSection(): HTMLElement {
  const rows = h("div", { class: "suspects", "data-testid": "label-agreement" }, spinner());
  const body = h("div", {}, h("p", { class: "muted" }, "Objects whose most similar crops in other images (by embedding) mostly carry "
    + "another class: likely wrong class or a box on the wrong thing. Agreement is the similarity-weighted share of the 10 look-alikes "
    + "with the object's own class (annotation.quality); lowest first, each shown beside its look-alikes."), rows);
  const c = card("Label disagrees with look-alikes", body, h("div", { class: "row" }, pill("embeddings", "rule"),
    h("a", { class: "btn ghost", href: explorerHref({ scope: "annotation", sort: AGREEMENT_METRIC, order: "asc" }) }, "Open in Explorer →")));
  c.id = "sec-agreement";
  get<SearchPage>(`/api/search?scope=annotation&sort=${AGREEMENT_METRIC}&order=asc&limit=${SUSPECTS}`).then(async (r) => {
    const views = await Promise.all(r.items.map((hit) => get<SimilarObjectsView>(`/api/annotations/${hit.id}/similar?k=${LOOK_ALIKES}`)
      .then((v) => ({ hit, v }), () => ({ hit, v: null }))));
    clear(rows);
    if (views.length === 0) rows.appendChild(h("p", { class: "muted" }, "No annotation has an agreement score: run loupe embed with object crops."));
    views.forEach(({ hit, v }, i) => rows.appendChild(suspectRow(i + 1, hit, v)));
  }).catch((e) => { clear(rows); rows.appendChild(h("p", { class: "error-text" }, e.message)); });
  return c;
}

function suspectRow(rank: number, hit: Hit, v: SimilarObjectsView | null): HTMLElement {
  const crop = (item: Hit, caption: HTMLElement[], cls = "") => h("a", { class: `ranked-item ${cls}`, href: `#/item/${item.imageId}?focus=${item.id}` },
    thumbCanvas(item, true), h("div", { class: "thumb-caption" }, caption));
  const suggested = v?.classes.find((c) => c.category !== hit.category) ?? null;
  const top = v?.classes[0] ?? null;
  const verdict = top && top.category !== hit.category
    ? h("div", { class: "suggest" }, "look-alikes say ", h("strong", {}, top.category), ` (${Math.round(top.share * 100)}%)`)
    : suggested ? h("div", { class: "suggest muted" }, "next most likely ", h("strong", {}, suggested.category), ` (${Math.round(suggested.share * 100)}%)`)
      : h("div", { class: "suggest muted" }, "no other class among the look-alikes");
  return h("div", { class: "suspect" },
    h("div", { class: "suspect-item" }, h("span", { class: "rank" }, `${rank}`),
      crop(hit, [h("span", {}, h("strong", {}, hit.category ?? "?"), ` #${hit.id}`),
        h("span", { class: "thumb-value", title: "agreement (annotation.quality)" },
          hit.sortValue === null ? "–" : `agrees ${Math.round(hit.sortValue * 100)}%`)], "suspect-crop"),
      verdict),
    h("div", { class: "look-alikes" }, v === null ? h("p", { class: "muted" }, "No embedding for this object.")
      : v.neighbours.map((n) => crop(n.item, [h("span", { class: n.item.category === hit.category ? "" : "differs" }, n.item.category ?? "?"),
        h("span", { class: "thumb-value", title: "cosine similarity" }, n.similarity.toFixed(3))]))));
}

/** The tags a reviewer's verdicts leave: the confirmed list exports like any tagged selection. */
export const CONFIRMED_TAG = "label-error";
export const REJECTED_TAG = "not-label-error";
const RANKED = 24;

/**
 * The ranking of 'loupe issues': likeliest label problems first (box checks, then confident learning
 * or ObjectLab on a prediction set, else Loupe's own classifier on the embeddings), each with its
 * thumbnail, the given and the suggested label, the score and the reason; "Confirm" and "Not an
 * error" tag the item, so the confirmed ones can be opened, exported and fixed.
 */
function rankingSection(d: AppData): HTMLElement {
  const classIds = new Map(d.summary.categories.map((c) => [c.name, c.id]));
  const rows = h("div", { class: "issue-ranking", "data-testid": "label-ranking" }, spinner("Ranking label issues…"));
  const notes = h("div", { class: "muted small" });
  const body = h("div", {}, notes, rows);
  const c = card("Likely label errors", body, h("div", { class: "row" },
    h("a", { class: "btn ghost", href: explorerHref({ scope: "annotation", tags: [CONFIRMED_TAG] }) }, "Confirmed errors →")));
  c.id = "sec-ranking";
  get<LabelIssuesView>(`/api/label-issues?kind=label&limit=${RANKED}`).then((v) => {
    clear(rows);
    notes.append(h("p", {}, `${formatNumber(v.total)} in all${v.set ? ` · from the prediction set ${v.set}${v.method ? ` (${v.method})` : ""}` : ""}.`),
      ...v.notes.map((n) => h("p", {}, n)));
    if (v.entries.length === 0) rows.appendChild(h("p", { class: "ok-text" }, "✓ Nothing to review."));
    v.entries.forEach((e) => rows.appendChild(rankingRow(e, classIds)));
  }).catch((e) => { clear(rows); rows.appendChild(h("p", { class: "error-text" }, e.message)); });
  return c;
}

function rankingRow(e: LabelIssue, classIds: Map<string, number>): HTMLElement {
  const scope = e.annotationId !== null ? "annotation" : "image";
  const id = e.annotationId ?? e.imageId;
  const hit: Hit = { id, imageId: e.imageId, path: e.image, width: null, height: null, split: null, category: e.givenLabel,
    sortValue: e.score, shapes: [] };
  // The thumbnail: the object's box (or the predicted box of a missing label) drawn on a crop around it.
  if (e.box) hit.shapes = [{ id, categoryId: classIds.get(e.givenLabel ?? e.suggestedLabel ?? "") ?? null, kind: "box", box: e.box, rings: null, holes: null,
    maskCounts: null, maskHeight: null, maskWidth: null }];
  const verdict = h("span", { class: "verdict muted small" });
  const decide = async (tag: string, label: string) => {
    try {
      await post("/api/tags/add", { name: tag, scope, ids: [id] });
      const other = tag === CONFIRMED_TAG ? REJECTED_TAG : CONFIRMED_TAG;
      await post("/api/tags/remove", { name: other, scope, ids: [id] });
      verdict.textContent = label;
      row.classList.toggle("confirmed", tag === CONFIRMED_TAG);
      row.classList.toggle("rejected", tag !== CONFIRMED_TAG);
    } catch (err) { toast((err as Error).message, "error"); }
  };
  const href = `#/item/${e.imageId}${e.annotationId !== null ? `?focus=${e.annotationId}` : ""}`;
  const row = h("div", { class: "ranking-row", "data-rank": e.rank },
    h("span", { class: "ranking-no" }, `${e.rank}`),
    h("a", { class: "ranked-item", href }, thumbCanvas(hit, e.box !== null, 256)),
    h("div", { class: "ranking-text" },
      h("div", {}, pill(e.kind.replace("_", " "), e.source === "box_check" ? "warning" : "rule"),
        e.givenLabel ? h("strong", {}, ` ${e.givenLabel}`) : null,
        e.suggestedLabel ? [h("span", { class: "muted" }, " → "), h("strong", { class: "suggested" }, e.suggestedLabel)] : null,
        e.score !== null ? h("span", { class: "mono small muted" }, `  score ${e.score.toFixed(3)}`) : null),
      h("div", { class: "small" }, e.reason),
      h("div", { class: "muted small" }, `${e.image}${e.annotationId !== null ? ` #${e.annotationId}` : ""}`)),
    h("div", { class: "ranking-actions" },
      h("button", { class: "btn", "data-action": "confirm-error", onclick: () => decide(CONFIRMED_TAG, "confirmed") }, "Confirm error"),
      h("button", { class: "btn ghost", "data-action": "not-an-error", onclick: () => decide(REJECTED_TAG, "not an error") }, "Not an error"),
      verdict));
  return row;
}
