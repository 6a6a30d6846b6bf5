/**
 * Model evaluation as the CLI ({@code loupe eval}), the web app ({@code GET /api/eval}) and the
 * report ({@code loupe report}) show it: {@link dev.loupe.app.eval.DetectionReport} (COCO evaluation,
 * outcome counts and performance by data), {@link dev.loupe.app.eval.ClassificationEvaluation}, and
 * their one JSON form, {@link dev.loupe.app.eval.EvalJson}.
 */
package dev.loupe.app.eval;
