import { get, type Distribution, type IssueKindInfo, type SearchPage } from "../api";
import { appData } from "../app";
import { clear, emptyState, formatNumber, h, spinner } from "../dom";
import { explorerHref, type ViewState } from "../filter";
import { card, header, pill, thumbCanvas } from "./common";

const SHAPE_METRIC = "annotation.shape_anomaly";

/** Label quality: annotation issues (rules and import checks) and shape outliers, each a ranked list. */
export async function renderLabels(page: HTMLElement): Promise<void> {
  page.appendChild(spinner());
  const d = await appData();
  clear(page);
  page.appendChild(header("Label quality", "Annotations most likely to be wrong, worst first: duplicates, tiny boxes, boxes on or past the border, "
    + "degenerate shapes, import problems and unusual shapes (Hu moments)."));
  const kinds = d.summary.annotationIssues;
  const hasShape = d.metrics.some((m) => m.id === SHAPE_METRIC);
  if (kinds.length === 0 && !hasShape) {
    page.appendChild(emptyState("No annotation checks yet", "Run 'loupe analyze PROJECT' to compute annotation metrics and apply the issue rules."));
    return;
  }
  const overview = h("div", { class: "chips" }, kinds.map((k) => h("a", { class: `chip${k.count ? "" : " zero"}`, href: `#sec-${k.kind}`,
    onclick: (e: Event) => { e.preventDefault(); document.getElementById(`sec-${k.kind}`)?.scrollIntoView({ behavior: "smooth" }); } },
  k.kind, h("b", {}, formatNumber(k.count)))));
  page.appendChild(overview);
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
