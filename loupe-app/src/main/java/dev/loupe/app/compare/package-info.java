/**
 * Comparisons the web app's Compare page shows: two prediction sets' evaluations side by side with
 * deltas ({@link dev.loupe.app.compare.SetComparison}), and every metric's distribution over two
 * sides of the project ranked by the KS distance ({@link dev.loupe.app.compare.DistributionsComparison}).
 */
package dev.loupe.app.compare;
