/**
 * A project's store: one DuckDB file per project and the only place that speaks SQL (every value bound as a
 * parameter). {@link dev.loupe.store.ProjectStore} opens, creates (imports go through
 * {@link dev.loupe.store.write.ProjectWriter} into a hidden folder renamed when complete), attaches and closes a
 * project, and hands out its rooms: {@code labels}, {@code browse}, {@code metrics}, {@code predictions},
 * {@code embeddings} ({@code vectors}), {@code tags} and {@code exports} ({@code parquet}). Rooms import no other
 * room, only {@code sql} and {@code filter}; {@link dev.loupe.store.sql.Migrations} moves older projects forward.
 */
package dev.loupe.store;
