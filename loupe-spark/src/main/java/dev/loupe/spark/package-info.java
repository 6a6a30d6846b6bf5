/**
 * The same metrics on Apache Spark: {@link dev.loupe.spark.SparkAnalyze} imports a dataset with
 * Loupe's importers on the driver, spreads its images over the executors in id ranges, runs the
 * registry's per-item metrics there with the local runner, gathers the partitions' Parquet
 * tables, runs the dataset metrics on the driver, and writes the project's tables as a Parquet
 * dump that {@code loupe attach} reads. Spark's dependency tree stays in this module.
 */
package dev.loupe.spark;
