/**
 * The filter language shared by the web app's URL, the JSON API and {@code loupe export --where}:
 * {@link dev.loupe.app.filter.FilterParameters} reads query-string parameters into the store's
 * {@code ItemFilter}; {@link dev.loupe.app.filter.WhereText} compiles the readable text form to those
 * parameters.
 */
package dev.loupe.app.filter;
