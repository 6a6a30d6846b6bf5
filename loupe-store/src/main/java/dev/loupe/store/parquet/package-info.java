/**
 * The exports room: the project's tables to and from Parquet (dump, a distributed run's partitions),
 * image id ranges, and the items a filter selects as COCO rows, CSV or Parquet with every metric.
 */
package dev.loupe.store.parquet;
