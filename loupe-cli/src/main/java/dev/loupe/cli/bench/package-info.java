/**
 * {@code loupe bench}: benchmarks that print figures, each against a baseline measured in the same run (import,
 * metrics, eval, embed, serve, cv, label-noise, select); never timed unit tests.
 */
package dev.loupe.cli.bench;
