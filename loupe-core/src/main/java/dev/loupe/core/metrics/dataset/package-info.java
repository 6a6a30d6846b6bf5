/**
 * Built-in dataset metrics: values per image or annotation that depend on the whole dataset
 * (class frequency, shape anomaly within a class, duplicate groups), computed in the dataset phase
 * from stored per-item values.
 */
package dev.loupe.core.metrics.dataset;
