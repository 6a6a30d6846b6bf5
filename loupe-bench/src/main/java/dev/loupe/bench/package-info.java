/**
 * {@code loupe bench}: benchmarks that print figures, each against a baseline measured in the same run (import,
 * metrics, eval, embed, serve, cv, label-noise, select, similarity, scale); never timed unit tests. A module and
 * jar of their own, which the {@code ./loupe} launcher runs for {@code loupe bench ...}.
 */
package dev.loupe.bench;
