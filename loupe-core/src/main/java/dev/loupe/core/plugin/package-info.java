/**
 * How Loupe finds its extensions: {@link dev.loupe.core.plugin.PluginJars} makes the class loader of the built-ins
 * plus a folder of plugin jars, and {@link dev.loupe.core.plugin.ExtensionRegistry} loads one kind of extension
 * (metrics, dataset formats, prediction formats, embedding models) from it through {@code ServiceLoader}, loud on
 * unknown and duplicate ids (Lucene's NamedSPILoader).
 */
package dev.loupe.core.plugin;
