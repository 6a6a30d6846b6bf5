import { get, type PredictionsView } from "../api";
import { clear, emptyState, h, spinner } from "../dom";
import { card, header } from "./common";

/**
 * Model quality and Compare: they show evaluation results of imported prediction sets. Until a set
 * is imported they say so and how to import one; they never invent numbers.
 */
export async function renderModels(page: HTMLElement, which: "models" | "compare"): Promise<void> {
  page.appendChild(spinner());
  const p = await get<PredictionsView>("/api/predictions");
  clear(page);
  const title = which === "models" ? "Model quality" : "Compare";
  const what = which === "models"
    ? "mAP and PR curves per class at a chosen IoU, performance by metric, metric importance and the worst slices"
    : "two prediction sets side by side: metric deltas, and the items one model gets right and the other wrong";
  page.appendChild(header(title, what));
  if (p.sets.length === 0 || (which === "compare" && p.sets.length < 2)) {
    page.appendChild(emptyState(which === "compare" && p.sets.length === 1 ? "One prediction set: nothing to compare yet" : "No prediction sets",
      `${p.hint} to add a model's predictions to this project; this page then shows ${what}.`,
      h("code", { class: "cmd" }, "loupe predictions import --help")));
    return;
  }
  page.appendChild(card("Prediction sets", h("table", { class: "table" },
    h("thead", {}, h("tr", {}, h("th", {}, "name"), h("th", {}, "format"), h("th", { class: "num" }, "predictions"))),
    h("tbody", {}, p.sets.map((s) => h("tr", {}, h("td", {}, s.name), h("td", {}, s.format), h("td", { class: "num" }, String(s.predictions))))))));
  page.appendChild(emptyState("Evaluation results are not served yet", "The evaluation endpoints land with the evaluation issue; the sets above are imported."));
}
