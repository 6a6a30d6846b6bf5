/**
 * A project's store: one DuckDB file per project and the only place that speaks SQL (every value bound as a
 * parameter). {@link dev.loupe.store.ProjectStore} is the entry; imports go through
 * {@link dev.loupe.store.ProjectWriter} into a hidden folder renamed when complete; metric values live in wide
 * tables (one column per metric id) written by {@link dev.loupe.store.LabelMetricStore}; the browse, outcome, tag and
 * export queries read them; {@link dev.loupe.store.Migrations} moves older projects forward.
 */
package dev.loupe.store;
