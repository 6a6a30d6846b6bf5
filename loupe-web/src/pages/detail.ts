import { ApiError, get, image, post, thumbnailUrl, type ClassProbability, type ItemDetail, type ItemIssue, type SearchPage, type SimilarObjectsView, type SimilarView } from "../api";
import { appData, metricTitle, refreshAppData, type AppData } from "../app";
import { classColour, drawOutcomes, drawShapes, outcomeKind } from "../draw";
import { clear, formatNumber, h, spinner, toast } from "../dom";
import { explorerHref, parse, searchQuery } from "../filter";
import { go } from "../router";
import { card, displayControls, outcomeLabel, outcomeLegend, pill, thumbCanvas } from "./common";

let keyHandler: ((e: KeyboardEvent) => void) | null = null;
window.addEventListener("keydown", (e) => {
  const t = e.target as HTMLElement;
  if (t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA")) return;
  keyHandler?.(e);
});

export async function renderDetail(page: HTMLElement, imageId: number, query: string): Promise<void> {
  keyHandler = null;
  const q = new URLSearchParams(query);
  const focusParam = q.get("focus");
  let focus: number | null = focusParam ? Number(focusParam) : null;
  const ctx = q.get("ctx");
  const index = q.has("i") ? Number(q.get("i")) : null;
  // The Explorer's prediction set and IoU (from its filter) bring the outcomes along.
  const view = ctx !== null ? parse(ctx) : null;
  const outcomeQuery = view?.set ? `?${new URLSearchParams({ set: view.set, iou: view.iou })}` : "";
  let pred: number | null = q.get("pred") ? Number(q.get("pred")) : null;
  page.appendChild(spinner());
  const [d, item] = await Promise.all([appData(), get<ItemDetail>(`/api/images/${imageId}${outcomeQuery}`)]);
  clear(page);

  const neighbour = async (step: number) => {
    if (ctx !== null && index !== null) {
      const next = index + step;
      if (next < 0) return;
      const s = parse(ctx);
      const r = await get<SearchPage>(`/api/search?${searchQuery(s, next, 1)}`);
      const hit = r.items[0];
      if (!hit) return;
      const p = new URLSearchParams({ ...(s.scope === "annotation" ? { focus: String(hit.id) } : {}),
        ...(s.scope === "prediction" ? { pred: String(hit.id) } : {}), ctx, i: String(next) });
      go(`#/item/${hit.imageId}?${p}`);
    } else {
      const id = step < 0 ? item.previous : item.next;
      if (id !== null) go(`#/item/${id}`);
    }
  };
  keyHandler = (e) => {
    if (e.key === "ArrowLeft") { e.preventDefault(); neighbour(-1); }
    if (e.key === "ArrowRight") { e.preventDefault(); neighbour(1); }
    if (e.key === "Escape" && ctx !== null) go(`#/explorer?${ctx}`);
  };

  const back = ctx !== null ? `#/explorer?${ctx}` : "#/explorer";
  page.appendChild(h("header", { class: "page-header" },
    h("div", {}, h("a", { class: "back link", href: back }, "← Explorer"), h("h1", { class: "path" }, item.path),
      h("p", { class: "subtitle" }, `image #${item.id} · ${item.width ?? "?"}×${item.height ?? "?"} · ${item.format ?? ""} · split ${item.split ?? "none"} · `
        + `${formatNumber(Math.round(item.fileSize / 1024))} kB · ${item.annotations.length} annotations`)),
    h("div", { class: "actions" },
      h("button", { class: "btn", "data-action": "previous", onclick: () => neighbour(-1), title: "Previous (←)" }, "‹ Prev"),
      index !== null ? h("span", { class: "muted" }, `#${index + 1}`) : null,
      h("button", { class: "btn", "data-action": "next", onclick: () => neighbour(1), title: "Next (→)" }, "Next ›"))));

  const canvas = h("canvas", { class: "detail-canvas", "data-testid": "detail-canvas" }) as HTMLCanvasElement;
  const stage = h("div", { class: "stage" }, canvas);
  page.appendChild(displayControls(() => draw(), { predictions: Boolean(item.outcomes), sizes: false }));
  const side = h("div", { class: "detail-side" });
  page.appendChild(h("div", { class: "detail" }, stage, side));
  page.appendChild(similarImages(item.id));

  let img: HTMLImageElement | null = null;
  const shapes = item.annotations.map((a) => a.shape);
  const draw = () => {
    if (!img || !item.width || !item.height) return;
    const dpr = window.devicePixelRatio || 1;
    const maxW = stage.clientWidth;
    const maxH = Math.max(320, window.innerHeight - 190);
    const scale = Math.min(maxW / item.width, maxH / item.height);
    canvas.style.width = `${item.width * scale}px`;
    canvas.style.height = `${item.height * scale}px`;
    canvas.width = Math.round(item.width * scale * dpr);
    canvas.height = Math.round(item.height * scale * dpr);
    const c = canvas.getContext("2d")!;
    c.drawImage(img, 0, 0, canvas.width, canvas.height);
    if (item.outcomes) {
      const missed = new Set(item.outcomes.missed);
      drawOutcomes(c, item.outcomes.predictions, shapes.filter((x) => missed.has(x.id)), { sx: 0, sy: 0, scale: scale * dpr }, pred);
      if (focus !== null) drawShapes(c, shapes.filter((x) => x.id === focus), { sx: 0, sy: 0, scale: scale * dpr }, focus);
    } else {
      drawShapes(c, shapes, { sx: 0, sy: 0, scale: scale * dpr }, focus);
    }
  };
  image(thumbnailUrl(item.id, 1024)).then((i) => { img = i; draw(); canvas.classList.add("ready"); })
    .catch((e) => stage.replaceChildren(h("div", { class: "state error" }, `Cannot show the image: ${e.message}`)));
  new ResizeObserver(draw).observe(stage);

  // Opened from an Explorer view with a classification set: that set's class probabilities on the image.
  const classes = view?.classifier ? classesCard(view.classifier, item) : null;
  const renderSide = () => {
    clear(side);
    if (classes) side.appendChild(classes);
    const focused = item.annotations.find((a) => a.id === focus) ?? null;
    if (item.outcomes) side.appendChild(outcomeCard(item, () => pred, (id) => { pred = id; draw(); renderSide(); }));
    side.appendChild(card("Issues", issueList([...item.issues, ...(focused ? focused.issues : [])])));
    side.appendChild(card("Tags", tagEditor(item.tags, "image", item.id, d)));
    if (focused) {
      side.appendChild(card(`Annotation #${focused.id} · ${focused.category ?? "no class"}`,
        h("div", {}, h("div", { class: "muted small" }, focused.shape.box ? `box ${focused.shape.box.map((v) => formatNumber(v, 1)).join(", ")}` : focused.shape.kind),
          tagEditor(focused.tags, "annotation", focused.id, d), metricTable(d, focused.metrics)),
        h("button", { class: "btn ghost tiny", onclick: () => { focus = null; draw(); renderSide(); } }, "✕")));
      side.appendChild(lookAlikes(focused.id, focused.category));
    }
    side.appendChild(card(`Annotations (${item.annotations.length})`, h("div", { class: "ann-list" },
      item.annotations.length === 0 ? h("p", { class: "muted" }, "No labels on this image.") : null,
      item.annotations.map((a) => h("button", { class: `ann${a.id === focus ? " active" : ""}`, onclick: () => { focus = a.id; draw(); renderSide(); } },
        h("i", { class: "dot", style: `background:${classColour(a.shape.categoryId)}` }), `${a.category ?? "?"} #${a.id}`,
        a.issues.length ? pill(`${a.issues.length}`, "warning") : null)))));
    side.appendChild(card("Image metrics", metricTable(d, item.metrics)));
  };
  renderSide();
}

/** A classification set's probabilities on the image, highest first, the image's label marked. */
function classesCard(set: string, item: ItemDetail): HTMLElement {
  const body = h("div", { "data-testid": "class-probabilities" }, spinner(""));
  const labels = item.annotations.filter((a) => a.shape.kind === "label").map((a) => a.category);
  get<ClassProbability[]>(`/api/images/${item.id}/classes?${new URLSearchParams({ set })}`).then((probs) => {
    clear(body);
    if (probs.length === 0) {
      body.appendChild(h("p", { class: "muted" }, `${set} gives no probabilities for this image.`));
      return;
    }
    const top = probs[0];
    const wrong = labels.length > 0 && !labels.includes(top.category);
    body.appendChild(h("p", { class: wrong ? "error-text" : "ok-text" }, wrong
      ? `Predicted ${top.category} (${top.probability.toFixed(2)}), labelled ${labels.join(", ")}`
      : `Predicted ${top.category} (${top.probability.toFixed(2)}), as labelled`));
    body.appendChild(h("div", { class: "class-probs" }, probs.slice(0, 10).map((p) => [
      h("span", { class: labels.includes(p.category) ? "label-mark" : "" }, p.category, labels.includes(p.category) ? " (label)" : ""),
      h("div", {}, h("div", { class: "bar", style: `width:${Math.max(1, p.probability * 100)}%` })),
      h("span", { class: "mono small" }, p.probability.toFixed(3))]).flat()));
  }).catch((e) => { clear(body); body.appendChild(h("p", { class: "error-text" }, e.message)); });
  return card(`Predicted by ${set}`, body);
}

/** The set's predictions on the image with their outcome (FP reason), and the missed ground truths. */
function outcomeCard(item: ItemDetail, pred: () => number | null, choose: (id: number | null) => void): HTMLElement {
  const o = item.outcomes!;
  const missed = item.annotations.filter((a) => o.missed.includes(a.id));
  const counts = { tp: 0, fp: 0 };
  o.predictions.forEach((p) => { const k = outcomeKind(p.outcome); if (k === "tp" || k === "fp") counts[k]++; });
  return card(`Predictions of ${o.set} at IoU ${formatNumber(o.iou)}`, h("div", { "data-testid": "outcomes" }, outcomeLegend(),
    h("p", { class: "small" }, `${counts.tp} TP · ${counts.fp} FP · ${missed.length} FN`),
    h("div", { class: "ann-list" },
      o.predictions.length === 0 ? h("p", { class: "muted" }, "No prediction on this image.") : null,
      o.predictions.map((p) => h("button", { class: `ann${p.id === pred() ? " active" : ""}`, "data-prediction": p.id,
        onclick: () => choose(p.id === pred() ? null : p.id) },
      h("span", { class: `outcome-pill ${outcomeKind(p.outcome)}` }, outcomeLabel(p.outcome)),
      ` ${p.category ?? "?"} ${formatNumber(p.score)}`,
      p.iou !== null ? h("span", { class: "muted small" }, ` IoU ${formatNumber(p.iou)} with #${p.annotationId}`) : null)),
      missed.map((a) => h("div", { class: "ann" }, h("span", { class: "outcome-pill fn" }, "FN"), ` missed ${a.category ?? "?"} #${a.id}`)))));
}

function issueList(issues: ItemIssue[]): HTMLElement {
  if (issues.length === 0) return h("p", { class: "muted" }, "No issue: every rule and import check passed.");
  return h("ul", { class: "issues" }, issues.map((i) => h("li", {},
    pill(i.kind, i.source === "rule" ? "rule" : i.severity), h("span", { class: "small" }, ` ${i.message}`),
    i.location ? h("code", { class: "small muted" }, ` ${i.location}`) : null)));
}

function metricTable(d: AppData, metrics: Record<string, number | string>): HTMLElement {
  const rows = Object.entries(metrics).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return h("p", { class: "muted" }, "No metric computed yet: run loupe analyze.");
  return h("table", { class: "table metrics" }, h("tbody", {}, rows.map(([k, v]) => h("tr", {},
    h("td", { title: k }, metricTitle(d, k), h("div", { class: "muted tiny-text" }, k)),
    h("td", { class: "num" }, typeof v === "string" ? h("code", {}, v) : formatNumber(v))))));
}

function tagEditor(tags: string[], scope: "image" | "annotation", id: number, d: AppData): HTMLElement {
  const list = h("div", { class: "tags" });
  const paint = () => {
    clear(list);
    if (tags.length === 0) list.appendChild(h("span", { class: "muted small" }, "no tags"));
    tags.forEach((t) => list.appendChild(h("span", { class: "tag" }, t, h("button", { class: "tag-x", "aria-label": `Remove tag ${t}`, onclick: async () => {
      try {
        await post("/api/tags/remove", { name: t, scope, ids: [id] });
        tags.splice(tags.indexOf(t), 1);
        refreshAppData();
        paint();
      } catch (e) { toast((e as Error).message, "error"); }
    } }, "×"))));
  };
  paint();
  const known = d.summary.tags.map((t) => t.name);
  const listId = `tags-${scope}-${id}`;
  const input = h("input", { class: "input", placeholder: "add a tag", list: listId, maxlength: 64, "aria-label": `Tag this ${scope}` });
  const form = h("form", { class: "tag-form", onsubmit: async (e: Event) => {
    e.preventDefault();
    const name = input.value.trim();
    if (!name || tags.includes(name)) return;
    try {
      await post("/api/tags/add", { name, scope, ids: [id] });
      tags.push(name);
      input.value = "";
      refreshAppData();
      paint();
      toast(`Tagged ${scope} #${id} '${name}'`);
    } catch (err) { toast((err as Error).message, "error"); }
  } }, input, h("datalist", { id: listId }, known.map((k) => h("option", { value: k }))), h("button", { class: "btn", type: "submit" }, "Add"));
  return h("div", {}, list, form);
}

/** The images nearest to this one in embedding space; loaded after the page so it never delays it. */
/** The Explorer on the k items most like this one (itself first), in order of similarity. */
async function sortBySimilarity(scope: "image" | "annotation", id: number): Promise<void> {
  const k = 100; // the API's most
  const ids = scope === "image"
    ? (await get<SimilarView>(`/api/images/${id}/similar?k=${k}`)).neighbours.map((n) => n.imageId)
    : (await get<SimilarObjectsView>(`/api/annotations/${id}/similar?k=${k}`)).neighbours.map((n) => n.item.id);
  go(explorerHref({ scope, ids: [id, ...ids], sort: "ids" }));
}

function similarImages(imageId: number): HTMLElement {
  const body = h("div", { class: "strip similar", "data-testid": "similar" }, spinner());
  const section = card("Similar images", body, h("button", { class: "btn ghost tiny", "data-action": "sort-by-similarity",
    title: "The Explorer grid of the 100 most similar images, most similar first", onclick: () => {
      sortBySimilarity("image", imageId).catch((e) => toast((e as Error).message, "error"));
    } }, "All in the Explorer →"));
  get<SimilarView>(`/api/images/${imageId}/similar?k=12`).then((r) => {
    clear(body);
    section.querySelector(".card-head h2")?.append(h("span", { class: "muted small" }, ` · cosine similarity of ${r.model} embeddings`));
    if (r.neighbours.length === 0) body.appendChild(h("p", { class: "muted" }, "No other image has an embedding."));
    r.neighbours.forEach((n) => body.appendChild(h("a", { class: "strip-item similar-item", href: `#/item/${n.imageId}`, title: n.path },
      thumbCanvas({ id: n.imageId, imageId: n.imageId, path: n.path, width: null, height: null, split: null, category: null,
        sortValue: n.similarity, shapes: [] }, false, 256),
      h("div", { class: "thumb-caption" }, h("span", { class: "thumb-name" }, n.path), h("span", { class: "thumb-value" }, n.similarity.toFixed(3))))));
  }).catch((e) => {
    clear(body);
    const missing = e instanceof ApiError && e.status === 404;
    body.appendChild(h("p", { class: missing ? "muted" : "state error" }, missing ? (e as Error).message : `Cannot load similar images: ${(e as Error).message}`));
  });
  return section;
}

/** The focused object's most similar crops in other images, with their classes: does the label agree? */
function lookAlikes(annotationId: number, category: string | null): HTMLElement {
  const body = h("div", { class: "look-alikes", "data-testid": "look-alikes" }, spinner());
  const section = card("Look-alikes in other images", body, h("button", { class: "btn ghost tiny", "data-action": "sort-objects-by-similarity",
    title: "The Explorer grid of the 100 most similar objects, most similar first", onclick: () => {
      sortBySimilarity("annotation", annotationId).catch((e) => toast((e as Error).message, "error"));
    } }, "All in the Explorer →"));
  get<SimilarObjectsView>(`/api/annotations/${annotationId}/similar?k=6`).then((r) => {
    clear(body);
    const agree = r.agreement === null ? "–" : `${Math.round(r.agreement * 100)}%`;
    section.querySelector(".card-head h2")?.append(h("span", { class: "muted small" }, ` · ${agree} ${category ?? "?"}`));
    r.neighbours.forEach((n) => body.appendChild(h("a", { class: "ranked-item", href: `#/item/${n.item.imageId}?focus=${n.item.id}` },
      thumbCanvas(n.item, true, 256), h("div", { class: "thumb-caption" },
        h("span", { class: n.item.category === category ? "" : "differs" }, n.item.category ?? "?"),
        h("span", { class: "thumb-value" }, n.similarity.toFixed(3))))));
  }).catch((e) => {
    clear(body);
    const missing = e instanceof ApiError && e.status === 404;
    body.appendChild(h("p", { class: missing ? "muted" : "state error" }, (e as Error).message));
  });
  return section;
}
