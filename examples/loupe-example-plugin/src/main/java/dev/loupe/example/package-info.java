/**
 * An example metric plugin: {@link dev.loupe.example.DarkBorderFraction} (image.dark_border_fraction),
 * listed in META-INF/services/dev.loupe.api.Metric; see docs/PLUGINS.md.
 */
package dev.loupe.example;
