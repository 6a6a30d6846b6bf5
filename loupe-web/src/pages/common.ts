// Pieces several pages use: page header, cards, a thumbnail strip.

import { image, thumbnailUrl, type Hit } from "../api";
import { display, drawThumb, setDisplay, type Display } from "../draw";
import { h } from "../dom";

export function header(title: string, subtitle: string, ...actions: (HTMLElement | null)[]): HTMLElement {
  return h("header", { class: "page-header" },
    h("div", {}, h("h1", {}, title), h("p", { class: "subtitle" }, subtitle)),
    h("div", { class: "actions" }, actions));
}

export function stat(label: string, value: string, note?: string, href?: string): HTMLElement {
  return h(href ? "a" : "div", { class: `stat${href ? " clickable" : ""}`, ...(href ? { href, title: "Open these in the Explorer" } : {}) },
    h("div", { class: "stat-label" }, label), h("div", { class: "stat-value" }, value), note ? h("div", { class: "stat-note" }, note) : null);
}

/** A number (or text) that opens the Explorer on the items behind it. */
export function explorerLink(text: string, href: string, testId?: string): HTMLElement {
  return h("a", { class: "cell-link", href, title: "Open these in the Explorer", ...(testId ? { "data-testid": testId } : {}) }, text);
}

export function card(title: string, body: Node, extra?: HTMLElement | null, cls = ""): HTMLElement {
  return h("section", { class: `card ${cls}` }, h("div", { class: "card-head" }, h("h2", {}, title), extra ?? null), body);
}

const observer = new IntersectionObserver((entries) => {
  for (const e of entries) {
    if (e.isIntersecting) {
      observer.unobserve(e.target);
      (e.target as HTMLElement & { load?: () => void }).load?.();
    }
  }
}, { rootMargin: "300px" });

/**
 * A canvas that draws a hit's thumbnail with its labels once it scrolls into view: the whole image
 * for image hits, a crop around the box for annotation hits.
 */
export function thumbCanvas(hit: Hit, annotationScope: boolean, size = 256, predictionScope = false, withOutcomes = predictionScope): HTMLCanvasElement {
  const canvas = h("canvas", { class: "thumb", "aria-label": hit.path }) as HTMLCanvasElement & { load?: () => void };
  // Only with a prediction set in the filter are outcomes drawn (TP green, FP red, FN dashed) instead of the labels:
  // every hit carries a predictions array, empty without a set, and an empty array must still show the labels.
  const outcomes = withOutcomes && hit.predictions
    ? { predictions: hit.predictions, missed: hit.missed ?? [], focus: predictionScope ? hit.id : null } : null;
  canvas.load = () => {
    const own = annotationScope ? hit.shapes.find((s) => s.id === hit.id)
      : predictionScope ? hit.predictions?.find((p) => p.id === hit.id)?.shape : undefined;
    const crop = own?.box ?? null;
    const want = crop ? 512 : size;
    image(thumbnailUrl(hit.imageId, want)).then((img) => {
      const w = hit.width ?? img.naturalWidth;
      const hh = hit.height ?? img.naturalHeight;
      const draw = () => drawThumb(canvas, img, w, hh, hit.shapes, crop, annotationScope ? hit.id : null, outcomes);
      draw();
      (canvas as HTMLCanvasElement & { redraw?: () => void }).redraw = draw;
      canvas.classList.add("ready");
    }).catch(() => canvas.classList.add("broken"));
  };
  observer.observe(canvas);
  return canvas;
}

/** The key to outcome overlays: TP green, FP red, FN dashed. */
export function outcomeLegend(): HTMLElement {
  return h("div", { class: "outcome-legend", "data-testid": "outcome-legend" },
    h("span", {}, h("i", { class: "swatch tp" }), "TP"), h("span", {}, h("i", { class: "swatch fp" }), "FP"),
    h("span", {}, h("i", { class: "swatch fn" }), "FN (missed ground truth)"), h("span", {}, h("i", { class: "swatch ignored" }), "ignored (crowd)"));
}

/** A short label of a prediction outcome: "TP", or "FP · reason". */
export function outcomeLabel(outcome: string): string {
  return outcome === "tp" ? "TP" : outcome === "ignored" ? "ignored" : `FP · ${outcome.replace("_", " ")}`;
}

export function pill(text: string, cls = ""): HTMLElement {
  return h("span", { class: `pill ${cls}` }, text);
}

/** Redraws every thumbnail on the page with the current display choices (no refetch). */
export function redrawThumbnails(): void {
  document.querySelectorAll<HTMLCanvasElement & { redraw?: () => void }>("canvas.thumb").forEach((c) => c.redraw?.());
}

/** Applies the thumbnail size to the page (CSS reads data-thumbs on the root). */
export function applyThumbSize(): void {
  document.documentElement.dataset.thumbs = display.size;
}

/**
 * What to draw: labels, captions and (with a prediction set) predictions with a score threshold;
 * with {@code sizes}, the grid's thumbnail size. Choices are kept in the browser and apply to every
 * thumbnail and the item view; {@code changed} redraws what the page shows.
 */
export function displayControls(changed: () => void, options: { predictions: boolean; sizes: boolean }): HTMLElement {
  const set = (c: Partial<Display>) => { setDisplay(c); applyThumbSize(); changed(); };
  const check = (key: "labels" | "captions" | "predictions", label: string, title: string) => h("label", { class: "check inline", title },
    h("input", { type: "checkbox", checked: display[key], "data-display": key, onchange: (e: Event) => set({ [key]: (e.target as HTMLInputElement).checked }) }),
    h("span", {}, label));
  const scoreValue = h("span", { class: "mono small" }, display.minScore.toFixed(2));
  const score = h("input", { type: "range", min: "0", max: "1", step: "0.05", value: String(display.minScore), "aria-label": "Lowest prediction score shown",
    "data-display": "min-score",
    oninput: (e: Event) => { scoreValue.textContent = Number((e.target as HTMLInputElement).value).toFixed(2); },
    onchange: (e: Event) => set({ minScore: Number((e.target as HTMLInputElement).value) }) });
  const sizes = h("div", { class: "segmented small", role: "group", "aria-label": "Thumbnail size" },
    (["s", "m", "l"] as const).map((z) => h("button", { class: `seg${display.size === z ? " active" : ""}`, "data-size": z,
      onclick: (e: Event) => {
        (e.currentTarget as HTMLElement).parentElement!.querySelectorAll(".seg").forEach((b) => b.classList.toggle("active", b === e.currentTarget));
        set({ size: z });
      } }, z.toUpperCase())));
  return h("div", { class: "display-controls", "data-testid": "display-controls" },
    h("span", { class: "muted small" }, "Show"),
    options.predictions ? null : check("labels", "labels", "Draw the ground-truth labels"),
    check("captions", "class names", "Write the class (and a prediction's score) on each box"),
    options.predictions ? [check("predictions", "predictions", "Draw the set's predictions"),
      h("label", { class: "inline", title: "Hide predictions scored below this" }, h("span", { class: "muted small" }, "score ≥"), score, scoreValue)] : null,
    options.sizes ? [h("span", { class: "muted small" }, "Size"), sizes] : null);
}
