package dev.loupe.app.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code loupe report} wrote.
 *
 * @param file       the HTML file
 * @param bytes      its size
 * @param thumbnails images embedded
 * @param sections   the sections' titles, in order
 * @param notes      what was left out and why
 */
public record ReportSummary(Path file, long bytes, int thumbnails, List<String> sections, List<String> notes) {
    public ReportSummary {
        sections = List.copyOf(sections);
        notes = List.copyOf(notes);
    }
}
