package dev.loupe.formats.voc;

import java.util.List;

/** What one VOC XML file says: image file name, declared size (text, may be null) and objects. */
record VocFile(String filename, String width, String height, List<VocObject> objects) {
}
