package dev.loupe.app.report;

/** The web app's class colours (loupe-web's draw.ts), so a class looks the same in the report. */
final class ClassColours {
    private static final String[] PALETTE = {"#f05252", "#3f83f8", "#31c48d", "#faca15", "#9061f9", "#ff8a4c", "#16bdca",
        "#e74694", "#8da2fb", "#84e1bc", "#a16207", "#1e3a8a", "#65a30d", "#be123c", "#0f766e", "#c026d3", "#78716c",
        "#ea580c", "#0284c7", "#4d7c0f"};
    static final String UNKNOWN = "#9ca3af";

    private ClassColours() {
    }

    /** The colour of a class id, grey for none. */
    static String of(Integer categoryId) {
        return categoryId == null ? UNKNOWN : PALETTE[Math.floorMod(categoryId - 1, PALETTE.length)];
    }

    static java.awt.Color awt(Integer categoryId) {
        return java.awt.Color.decode(of(categoryId));
    }
}
