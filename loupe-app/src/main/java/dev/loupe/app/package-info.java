/**
 * The application layer: use cases that the CLI and the web server share, as plain Java over the
 * store, the formats and the evaluation: {@code issues} (the label-error ranking), {@code eval}
 * (evaluation reports), {@code select} (active learning), {@code report} (the HTML report),
 * {@code filter} (the one filter language of the web app's URL, the API and {@code --where}),
 * {@code export} ({@code loupe export} and the web app's export buttons) and {@code similar}
 * ({@code loupe similar} and the web app's similar items).
 * {@link dev.loupe.app.WireJson} is the one JSON mapper of their outputs;
 * use cases fail with core's {@code LoupeException} only: {@link dev.loupe.app.BadRequest} for a malformed
 * request, {@code LoupeException.notFound} for something the project does not hold (HTTP 404, exit 3);
 * {@link dev.loupe.app.StoreLender} lends a use case the store.
 */
package dev.loupe.app;
