/**
 * {@code loupe export} and the web app's downloads: {@link dev.loupe.app.export.Exporter} writes what a
 * filter selects as COCO, YOLO or VOC (predictions in each format's flavour) or as CSV/Parquet tables of
 * every metric, with the image files copied, linked or left, optionally dealt to seeded splits; every
 * path from the data is made safe under the output folder and every loss of the format is counted.
 */
package dev.loupe.app.export;
