/**
 * Per-item evaluation outcomes: which prediction matched which ground truth at each IoU threshold
 * of a fixed grid, and each item's best overlaps. Stored once per prediction set so that TP, FP
 * (with its reason) and FN at any grid threshold are a query, not a recomputation.
 */
package dev.loupe.core.outcome;
