/**
 * A project's overview ({@link dev.loupe.app.overview.ProjectOverview}): one record and one shape
 * for {@code loupe info --json} and {@code GET /api/summary}.
 */
package dev.loupe.app.overview;
