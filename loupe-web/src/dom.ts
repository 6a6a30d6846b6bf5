// A tiny DOM builder: h("div", {class: "x", onclick: f}, child, "text").

type Child = Node | string | number | null | undefined | false | Child[];
type Attrs = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") {
      el.addEventListener(k.slice(2), v as EventListener);
    } else if (k === "class") {
      el.className = String(v);
    } else if (k === "dataset") {
      Object.assign(el.dataset, v);
    } else if (k === "value" && (el instanceof HTMLInputElement || el instanceof HTMLSelectElement)) {
      el.value = String(v);
    } else if (k === "checked" && el instanceof HTMLInputElement) {
      el.checked = Boolean(v);
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

export function formatNumber(v: number | string | null | undefined, digits = 4): string {
  if (v === null || v === undefined) return "–";
  if (typeof v === "string") return v;
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return v.toLocaleString("en-US", { maximumFractionDigits: digits });
}

export function spinner(text = "Loading…"): HTMLElement {
  return h("div", { class: "state loading", role: "status" }, h("span", { class: "spin" }), text);
}

export function errorState(e: unknown, retry?: () => void): HTMLElement {
  const msg = e instanceof Error ? e.message : String(e);
  return h("div", { class: "state error", role: "alert" },
    h("strong", {}, "Something went wrong"), h("p", {}, msg),
    retry ? h("button", { class: "btn", onclick: retry }, "Try again") : null);
}

export function emptyState(title: string, detail: string, action?: HTMLElement): HTMLElement {
  return h("div", { class: "state empty" }, h("strong", {}, title), h("p", {}, detail), action ?? null);
}

let toastTimer = 0;

export function hideToast(): void {
  document.getElementById("toast")?.classList.remove("show");
}

export function toast(text: string, kind: "ok" | "error" = "ok"): void {
  let el = document.getElementById("toast");
  if (!el) {
    el = h("div", { id: "toast", role: "status" });
    document.body.appendChild(el);
  }
  el.className = `toast show ${kind}`;
  el.textContent = text;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => el?.classList.remove("show"), 4000);
}
