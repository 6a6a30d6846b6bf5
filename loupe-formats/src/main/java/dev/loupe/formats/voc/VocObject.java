package dev.loupe.formats.voc;

/** One {@code <object>} of a VOC file as written, before validation; values may be null or unparsable text. */
record VocObject(String name, String xmin, String ymin, String xmax, String ymax, boolean difficult, int line) {
}
