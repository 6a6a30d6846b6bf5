/**
 * Pascal VOC XML annotations, read with StAX (no DTDs, no external entities, bounded depth and sizes).
 */
package dev.loupe.formats.voc;
