/**
 * YOLO text labels and predictions (normalised centre boxes, one object per line, class indices against a
 * names file or data YAML).
 */
package dev.loupe.formats.yolo;
