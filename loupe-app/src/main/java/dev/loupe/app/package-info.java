/**
 * The application layer: use cases that the CLI and the web server share, as plain Java over the
 * store and the evaluation ({@code issues}, {@code eval}, {@code select}, {@code report}), and
 * {@link dev.loupe.app.WireJson}, the one JSON mapper of their outputs.
 */
package dev.loupe.app;
