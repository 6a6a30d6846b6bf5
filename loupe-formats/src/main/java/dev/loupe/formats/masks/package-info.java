/**
 * Instance masks as indexed PNGs (DAVIS/VOS layout with {@code meta.json}) and normalised box JSON files, as the
 * Encord examples ship them.
 */
package dev.loupe.formats.masks;
