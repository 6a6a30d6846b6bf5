/**
 * Contract tests for metrics, for the built-ins and for plugin authors: {@link
 * dev.loupe.testkit.MetricContractTest} (extend it), {@link dev.loupe.testkit.MetricContract} (the
 * checks as JUnit dynamic tests) and {@link dev.loupe.testkit.MetricSamples} (the odd images and
 * objects every metric must survive). See docs/PLUGINS.md.
 */
package dev.loupe.testkit;
