/**
 * Label formats in and out: the {@link dev.loupe.formats.DatasetFormat} extension point (found by id through
 * {@link dev.loupe.formats.DatasetFormats}, built-ins and plugin jars alike), the {@link dev.loupe.formats.DatasetImporter} contract and what every importer shares
 * ({@link dev.loupe.formats.ImageCatalog}: ids, header sizes and path containment; {@link dev.loupe.formats.BoxChecks}:
 * the one place of box validity rules; class lists and split lists). One sub-package per format.
 */
package dev.loupe.formats;
