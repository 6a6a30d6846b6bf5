/**
 * The application layer: use cases that the CLI and the web server share, as plain Java over the
 * store, the formats and the evaluation: {@code issues} (the label-error ranking), {@code eval}
 * (evaluation reports), {@code select} (active learning), {@code report} (the HTML report),
 * {@code filter} (the one filter language of the web app's URL, the API and {@code --where}) and
 * {@code export} ({@code loupe export} and the web app's export buttons).
 * {@link dev.loupe.app.WireJson} is the one JSON mapper of their outputs;
 * {@link dev.loupe.app.BadRequest} is the error of a malformed request.
 */
package dev.loupe.app;
