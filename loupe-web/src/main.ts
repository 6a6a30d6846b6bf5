import "./style.css";
import { adoptTokenFromUrl, ApiError, get, PROJECT_BASE, setToken, type ProjectListing } from "./api";
import { appData, refreshAppData } from "./app";
import { clear, errorState, h, hideToast } from "./dom";
import { current } from "./router";
import { setClassNames } from "./draw";
import { applyThumbSize } from "./pages/common";
import { renderSummary } from "./pages/summary";
import { renderExplorer } from "./pages/explorer";
import { renderDetail } from "./pages/detail";
import { renderLabels } from "./pages/labels";
import { renderModels } from "./pages/models";
import { renderCompare } from "./pages/compare";

adoptTokenFromUrl();

const NAV: { page: string; label: string; icon: string }[] = [
  { page: "summary", label: "Summary", icon: "◎" },
  { page: "explorer", label: "Explorer", icon: "▦" },
  { page: "labels", label: "Label quality", icon: "⚑" },
  { page: "models", label: "Model quality", icon: "◭" },
  { page: "compare", label: "Compare", icon: "⇄" },
];

const THEME_KEY = "loupe.theme";

function applyTheme(theme: string | null): void {
  document.documentElement.dataset.theme = theme ?? (matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark");
}

applyTheme(localStorage.getItem(THEME_KEY));

const content = h("main", { id: "content", class: "content" });
const projectName = h("span", { class: "project-name" }, "");
const nav = h("nav", { class: "nav" }, NAV.map((n) =>
  h("a", { href: `#/${n.page}`, class: "nav-link", "data-page": n.page }, h("span", { class: "nav-icon" }, n.icon), n.label)));
const themeButton = h("button", { class: "btn ghost theme-toggle", title: "Switch light/dark theme", onclick: () => {
  const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
  localStorage.setItem(THEME_KEY, next);
  applyTheme(next);
  render();
} }, "◐");

document.getElementById("app")!.append(
  h("aside", { class: "sidebar" },
    h("a", { class: "brand", href: "#/summary" }, h("span", { class: "brand-mark" }, "◉"), "Loupe"),
    nav,
    h("div", { class: "sidebar-foot" }, projectName, themeButton)),
  content);

applyThumbSize();

/** With several projects served, a switcher in the sidebar opens another one's app. */
get<ProjectListing[]>("/api/projects").then((list) => {
  if (list.length < 2) return;
  const select = h("select", { class: "input project-switcher", "aria-label": "Project", onchange: () => {
    const p = list.find((x) => x.base === select.value);
    if (p) location.href = `${p.base}#/summary`;
  } }, list.map((p) => h("option", { value: p.base, selected: p.base === PROJECT_BASE, title: p.path },
    `${p.name} (${p.images} images)`)));
  select.value = PROJECT_BASE;
  document.querySelector(".sidebar")!.insertBefore(h("div", { class: "switcher" }, select), document.querySelector(".sidebar-foot"));
}).catch(() => undefined);

const showProject = () => appData().then((d) => {
  setClassNames(d.summary.categories);
  const name = d.summary.project.split(/[\\/]/).filter(Boolean).pop() ?? "project";
  projectName.textContent = name;
  projectName.title = d.summary.project;
  document.title = `${name} · Loupe`;
}).catch(() => undefined);

let renderId = 0;
let lastPage = "";

export function render(): void {
  if (adoptTokenFromUrl()) refreshAppData();
  showProject();
  const route = current();
  const id = ++renderId;
  if (route.page !== lastPage) hideToast();
  lastPage = route.page;
  nav.querySelectorAll("a").forEach((a) => {
    const page = a.getAttribute("data-page");
    a.classList.toggle("active", page === route.page || (route.page === "item" && page === "explorer"));
  });
  clear(content);
  const page = h("div", { class: `page page-${route.page}` });
  content.appendChild(page);
  const done = (p: Promise<void>) => p.catch((e) => {
    if (id !== renderId) return;
    clear(page);
    if (e instanceof ApiError && e.status === 401) page.appendChild(tokenForm());
    else page.appendChild(errorState(e, render));
  });
  switch (route.page) {
    case "summary": done(renderSummary(page)); break;
    case "explorer": done(renderExplorer(page, route.query)); break;
    case "item": done(renderDetail(page, Number(route.id), route.query)); break;
    case "labels": done(renderLabels(page)); break;
    case "models": done(renderModels(page, route.query)); break;
    case "compare": done(renderCompare(page, route.query)); break;
    default: page.appendChild(errorState(new Error(`no page '${route.page}'`)));
  }
}

function tokenForm(): HTMLElement {
  const input = h("input", { type: "password", class: "input", placeholder: "token", autocomplete: "off" });
  return h("form", { class: "state token-form", onsubmit: (e: Event) => {
    e.preventDefault();
    setToken(input.value);
    location.reload();
  } }, h("strong", {}, "This server needs a token"),
  h("p", {}, "It was started with --token. Paste the token, or open the link 'loupe serve' printed."),
  input, h("button", { class: "btn primary", type: "submit" }, "Continue"));
}

/**
 * CLI commands run inside this server while it is up (loupe analyze, embed, predictions import...).
 * The status poll shows the one running and, when new data has landed, offers to show it.
 */
const activity = h("div", { class: "activity", "data-testid": "activity", hidden: true });
document.querySelector(".sidebar")!.insertBefore(activity, document.querySelector(".sidebar-foot"));
let seenVersion: number | null = null;
async function pollStatus(): Promise<void> {
  if (document.hidden) return;
  try {
    const st = await get<{ version: number; running: string | null }>("/api/status");
    if (seenVersion === null) seenVersion = st.version;
    clear(activity);
    if (st.running) {
      activity.append(h("span", { class: "pulse" }), `loupe ${st.running} running…`);
    }
    if (st.version !== seenVersion) {
      seenVersion = st.version;
      refreshAppData();
      activity.append(h("button", { class: "btn primary", "data-action": "show-new-data", onclick: () => {
        activity.hidden = true;
        render();
      } }, "New data: show it"));
    }
    activity.hidden = activity.childElementCount === 0;
  } catch {
    // the server is gone or busy; try again at the next tick
  }
}
setInterval(pollStatus, 3000);
pollStatus();

window.addEventListener("hashchange", render);
render();
