/**
 * The core shared by every module: {@link dev.loupe.core.LoupeException} (the one failure type, with a
 * reason the CLI maps to an exit code and the server to an HTTP status) and {@link dev.loupe.core.LoupeVersion};
 * the sub-packages hold the data model, geometry, image decoding, the metrics and their runner.
 */
package dev.loupe.core;
