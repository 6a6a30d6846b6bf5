package dev.loupe.formats;

/** Line-oriented text label files (YOLO labels and class lists, split lists). */
public final class TextLines {
    private TextLines() {
    }

    /**
     * The line without the UTF-8 byte order mark Windows editors put at the start of a file (line 1
     * only); with it, the first class name or class index did not match.
     */
    public static String withoutBom(String line, int lineNo) {
        return lineNo == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
