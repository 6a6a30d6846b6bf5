/**
 * An example plugin: a metric, {@link dev.loupe.example.DarkBorderFraction} (image.dark_border_fraction, listed in
 * META-INF/services/dev.loupe.api.Metric), and a dataset format, {@link dev.loupe.example.ClassListFormat}
 * (class-list, listed in META-INF/services/dev.loupe.formats.DatasetFormat); see docs/PLUGINS.md.
 */
package dev.loupe.example;
