// Draws labels over an image on a canvas: boxes, polygons (holes cut out) and masks, one colour per class.

import type { PredictionShape, Shape } from "./api";

// 20 colours, so that VOC's 20 classes (PR curves, dots, boxes) each have their own; the first 10 stay as they were.
const PALETTE = ["#f05252", "#3f83f8", "#31c48d", "#faca15", "#9061f9", "#ff8a4c", "#16bdca", "#e74694", "#8da2fb", "#84e1bc",
  "#a16207", "#1e3a8a", "#65a30d", "#be123c", "#0f766e", "#c026d3", "#78716c", "#ea580c", "#0284c7", "#4d7c0f"];

export function classColour(categoryId: number | null): string {
  return categoryId === null ? "#9ca3af" : PALETTE[(categoryId - 1 + PALETTE.length * 100) % PALETTE.length];
}

export interface View { sx: number; sy: number; scale: number } // image pixel (x, y) -> canvas ((x - sx) * scale, (y - sy) * scale)

/**
 * What thumbnails and the item view draw, chosen by the user and kept in the browser: ground-truth
 * labels, a set's predictions, class captions on boxes, the lowest prediction score shown, the
 * thumbnail size of the grid.
 */
export interface Display { labels: boolean; predictions: boolean; captions: boolean; minScore: number; size: "s" | "m" | "l" }
const DISPLAY_KEY = "loupe.display";
const DEFAULT_DISPLAY: Display = { labels: true, predictions: true, captions: false, minScore: 0, size: "m" };

function loadDisplay(): Display {
  try {
    return { ...DEFAULT_DISPLAY, ...JSON.parse(localStorage.getItem(DISPLAY_KEY) ?? "{}") };
  } catch {
    return { ...DEFAULT_DISPLAY };
  }
}

export const display: Display = loadDisplay();

export function setDisplay(change: Partial<Display>): void {
  Object.assign(display, change);
  localStorage.setItem(DISPLAY_KEY, JSON.stringify(display));
}

/** Class names by category id, for captions (set once the project's categories are known). */
const classNames = new Map<number, string>();

export function setClassNames(categories: { id: number; name: string }[]): void {
  classNames.clear();
  categories.forEach((c) => classNames.set(c.id, c.name));
}

/** The name of a class id ("#id" when unknown). */
export function className(id: number | null): string {
  return id === null ? "?" : classNames.get(id) ?? `#${id}`;
}

/** A filled caption at a box's top-left corner (inside the box when it touches the top edge). */
function caption(ctx: CanvasRenderingContext2D, text: string, colour: string, x: number, y: number): void {
  const size = Math.max(10, Math.min(14, ctx.canvas.width / 40));
  ctx.save();
  ctx.globalAlpha = 1;
  ctx.font = `600 ${size}px system-ui, sans-serif`;
  const w = ctx.measureText(text).width + 6;
  const top = y - size - 4 < 0 ? y : y - size - 4;
  ctx.fillStyle = colour;
  ctx.fillRect(x, top, w, size + 4);
  ctx.fillStyle = "#fff";
  ctx.textBaseline = "top";
  ctx.fillText(text, x + 3, top + 2);
  ctx.restore();
}

export function drawShapes(ctx: CanvasRenderingContext2D, shapes: Shape[], view: View, focus: number | null = null): void {
  if (!display.labels) return;
  const lw = Math.max(1.5, Math.min(3, ctx.canvas.width / 240));
  // Image-level labels (classification) have no geometry: their class is written in the top-left corner.
  let tag = 0;
  for (const s of shapes) {
    if (s.kind === "label") {
      const size = Math.max(10, Math.min(14, ctx.canvas.width / 40));
      caption(ctx, className(s.categoryId), classColour(s.categoryId), 4, 4 + (size + 8) * tag++ + size + 4);
    }
  }
  for (const s of shapes) {
    const colour = classColour(s.categoryId);
    const focused = focus === s.id;
    const dimmed = focus !== null && !focused;
    ctx.save();
    ctx.globalAlpha = dimmed ? 0.45 : 1;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = focused ? lw * 1.8 : lw;
    if (s.kind === "mask" && s.maskCounts && s.maskWidth && s.maskHeight) {
      drawMask(ctx, s, colour, view);
    } else if (s.kind === "polygon" && s.rings) {
      ctx.beginPath();
      s.rings.forEach((xy) => {
        for (let i = 0; i < xy.length; i += 2) {
          const x = (xy[i] - view.sx) * view.scale;
          const y = (xy[i + 1] - view.sy) * view.scale;
          if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
        }
        ctx.closePath();
      });
      ctx.globalAlpha *= 0.25;
      ctx.fill("evenodd");
      ctx.globalAlpha = dimmed ? 0.45 : 1;
      ctx.stroke();
    } else if (s.box) {
      const [x, y, w, h] = s.box;
      ctx.strokeRect((x - view.sx) * view.scale, (y - view.sy) * view.scale, Math.max(1, w * view.scale), Math.max(1, h * view.scale));
    }
    if (display.captions && s.box && s.categoryId !== null) {
      caption(ctx, classNames.get(s.categoryId) ?? `#${s.categoryId}`, colour, (s.box[0] - view.sx) * view.scale, (s.box[1] - view.sy) * view.scale);
    }
    ctx.restore();
  }
}

const maskCache = new Map<string, HTMLCanvasElement>();

/** Decodes uncompressed COCO RLE runs (column-major) into a tinted canvas, cached per shape. */
function drawMask(ctx: CanvasRenderingContext2D, s: Shape, colour: string, view: View): void {
  const key = `${s.id}`;
  let c = maskCache.get(key);
  if (!c) {
    const w = s.maskWidth!;
    const hgt = s.maskHeight!;
    c = document.createElement("canvas");
    c.width = w;
    c.height = hgt;
    const mctx = c.getContext("2d")!;
    const img = mctx.createImageData(w, hgt);
    const [r, g, b] = hex(colour);
    let pos = 0;
    s.maskCounts!.forEach((run, i) => {
      if (i % 2 === 1) {
        for (let k = pos; k < pos + run; k++) {
          const x = Math.floor(k / hgt);
          const y = k % hgt;
          const o = (y * w + x) * 4;
          img.data[o] = r; img.data[o + 1] = g; img.data[o + 2] = b; img.data[o + 3] = 110;
        }
      }
      pos += run;
    });
    mctx.putImageData(img, 0, 0);
    if (maskCache.size > 300) maskCache.delete(maskCache.keys().next().value as string);
    maskCache.set(key, c);
  }
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(c, -view.sx * view.scale, -view.sy * view.scale, c.width * view.scale, c.height * view.scale);
  if (s.box) {
    const [x, y, w, h] = s.box;
    ctx.setLineDash([4, 3]);
    ctx.strokeRect((x - view.sx) * view.scale, (y - view.sy) * view.scale, w * view.scale, h * view.scale);
  }
}

function hex(c: string): [number, number, number] {
  const n = Number.parseInt(c.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Draws a thumbnail into a canvas of the given CSS size: the whole image (image hits) or a crop
 * around one box with context (annotation hits), then the shapes.
 */
export function drawThumb(canvas: HTMLCanvasElement, img: HTMLImageElement, imageWidth: number, imageHeight: number,
                          shapes: Shape[], crop: number[] | null, focus: number | null,
                          outcomes: { predictions: PredictionShape[]; missed: number[]; focus: number | null } | null = null): void {
  const dpr = window.devicePixelRatio || 1;
  const cw = canvas.clientWidth || 200;
  const ch = canvas.clientHeight || 150;
  canvas.width = Math.round(cw * dpr);
  canvas.height = Math.round(ch * dpr);
  const ctx = canvas.getContext("2d")!;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  let sx = 0, sy = 0, sw = imageWidth, sh = imageHeight;
  if (crop) {
    const [x, y, w, h] = crop;
    const pad = Math.max(w, h) * 0.6 + 12;
    const side = Math.max(w, h) + 2 * pad;
    const aspect = canvas.width / canvas.height;
    sw = Math.min(imageWidth, Math.max(side, side * aspect));
    sh = Math.min(imageHeight, sw / aspect);
    sx = Math.max(0, Math.min(imageWidth - sw, x + w / 2 - sw / 2));
    sy = Math.max(0, Math.min(imageHeight - sh, y + h / 2 - sh / 2));
  }
  const scale = Math.min(canvas.width / sw, canvas.height / sh);
  const ox = (canvas.width - sw * scale) / 2;
  const oy = (canvas.height - sh * scale) / 2;
  ctx.save();
  ctx.translate(ox, oy);
  const k = img.naturalWidth / imageWidth; // thumbnail pixels per image pixel
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(img, sx * k, sy * k, sw * k, sh * k, 0, 0, sw * scale, sh * scale);
  ctx.beginPath();
  ctx.rect(0, 0, sw * scale, sh * scale);
  ctx.clip();
  if (outcomes) {
    const missed = new Set(outcomes.missed);
    drawOutcomes(ctx, outcomes.predictions, shapes.filter((x) => missed.has(x.id)), { sx, sy, scale }, outcomes.focus);
  } else {
    drawShapes(ctx, shapes, { sx, sy, scale }, focus);
  }
  ctx.restore();
}

/** Outcome colours: true positive, false positive, missed ground truth (dashed), ignored (matched a crowd region). */
export const OUTCOME_COLOURS = { tp: "#22c55e", fp: "#ef4444", fn: "#f59e0b", ignored: "#9ca3af" } as const;

/** The colour key of a prediction outcome (tp, ignored, or an FP reason). */
export function outcomeKind(outcome: string): keyof typeof OUTCOME_COLOURS {
  return outcome === "tp" || outcome === "ignored" ? outcome : "fp";
}

/**
 * Draws outcomes over an image: predictions as boxes, TP green and FP red (solid), ignored grey;
 * missed ground truths (FN) as dashed amber boxes. {@code focus} (a prediction id) is drawn thicker.
 */
export function drawOutcomes(ctx: CanvasRenderingContext2D, predictions: PredictionShape[], missed: Shape[], view: View,
                             focus: number | null = null): void {
  // The display's choices: predictions under the score threshold (the focused one always) or all of them are left out.
  predictions = predictions.filter((p) => p.id === focus || (display.predictions && p.score >= display.minScore));
  const lw = Math.max(1.5, Math.min(3, ctx.canvas.width / 240));
  const rect = (box: number[]) => ctx.strokeRect((box[0] - view.sx) * view.scale, (box[1] - view.sy) * view.scale,
    Math.max(1, box[2] * view.scale), Math.max(1, box[3] * view.scale));
  ctx.save();
  ctx.lineWidth = lw;
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = OUTCOME_COLOURS.fn;
  missed.forEach((s) => { if (s.box) rect(s.box); });
  ctx.setLineDash([]);
  // lowest score first so that the most confident boxes are on top; the focused one last
  const order = [...predictions].sort((a, b) => (a.id === focus ? 1 : b.id === focus ? -1 : a.score - b.score));
  for (const p of order) {
    if (!p.shape.box) continue;
    ctx.strokeStyle = OUTCOME_COLOURS[outcomeKind(p.outcome)];
    ctx.globalAlpha = focus !== null && p.id !== focus ? 0.55 : 1;
    ctx.lineWidth = p.id === focus ? lw * 2 : lw;
    rect(p.shape.box);
    if (display.captions) {
      caption(ctx, `${p.category ?? "?"} ${p.score.toFixed(2)}`, OUTCOME_COLOURS[outcomeKind(p.outcome)],
        (p.shape.box[0] - view.sx) * view.scale, (p.shape.box[1] - view.sy) * view.scale);
    }
  }
  ctx.restore();
}
