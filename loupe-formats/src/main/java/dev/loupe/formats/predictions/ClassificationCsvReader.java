package dev.loupe.formats.predictions;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.core.model.PredictionSink;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads per-image class probabilities of a classifier from a CSV file (RFC 4180, UTF-8): a header
 * row {@code image,<class>,<class>,...} naming the project's classes (any subset, any order), then
 * one row per image: its path relative to the images folder (or its file name when unique) and one
 * probability in [0, 1] per class. An unknown class in the header stops the import (every row
 * would be misread); a bad row is reported with its line and skipped.
 */
public final class ClassificationCsvReader implements PredictionReader {
    private final Path file;
    private final String fileLabel;

    public ClassificationCsvReader(Path file) {
        this.file = file;
        this.fileLabel = file.getFileName().toString();
    }

    @Override
    public String format() {
        return "classification-csv";
    }

    @Override
    public void read(ProjectCatalog project, long firstId, PredictionSink sink) {
        if (!Files.isRegularFile(file)) {
            throw LoupeException.badInput(file + ": classification CSV not found");
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser csv = CSVParser.parse(in, format)) {
            Category[] columns = null;
            Set<Long> seen = new HashSet<>();
            for (CSVRecord row : csv) {
                String where = "line " + csv.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(row, project, where);
                    continue;
                }
                row(row, columns, project, where, seen, sink);
            }
            if (columns == null) {
                throw LoupeException.badInput(fileLabel + ": empty file; expected a header row image,<class>,...");
            }
        } catch (IOException | UncheckedIOException e) {
            sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, fileLabel, null,
                    "cannot read the CSV, reading stopped: " + e.getMessage()));
        }
    }

    private Category[] header(CSVRecord row, ProjectCatalog project, String where) {
        if (row.size() < 2) {
            throw LoupeException.badInput(fileLabel + " " + where + ": expected a header image,<class>,<class>,... with "
                    + "at least one class column, found " + row.size() + " column(s)");
        }
        Category[] columns = new Category[row.size() - 1];
        Set<Integer> used = new HashSet<>();
        for (int i = 1; i < row.size(); i++) {
            Category c = project.categoryByName(row.get(i));
            if (c == null) {
                throw LoupeException.badInput(fileLabel + " " + where + ": column " + (i + 1) + " \"" + row.get(i)
                        + "\" is not a class of this project; the project has " + project.categories().stream()
                        .map(Category::name).toList());
            }
            if (!used.add(c.id())) {
                throw LoupeException.badInput(fileLabel + " " + where + ": class \"" + row.get(i) + "\" appears twice");
            }
            columns[i - 1] = c;
        }
        return columns;
    }

    private void row(CSVRecord row, Category[] columns, ProjectCatalog project, String where, Set<Long> seen,
                     PredictionSink sink) {
        if (row.size() != columns.length + 1) {
            issue(sink, IssueKind.INVALID_VALUE, where, "expected " + (columns.length + 1) + " values (image and "
                    + columns.length + " probabilities), found " + row.size() + "; row skipped");
            return;
        }
        ImageRecord image = project.imageByPath(row.get(0));
        if (image == null) {
            issue(sink, IssueKind.UNKNOWN_IMAGE, where, "image \"" + row.get(0) + "\" is not an image of this project; "
                    + "row skipped");
            return;
        }
        if (seen.contains(image.id())) {
            issue(sink, IssueKind.DUPLICATE_ID, where, "image \"" + row.get(0) + "\" has a second row; the first is kept");
            return;
        }
        double[] p = new double[columns.length];
        for (int i = 0; i < p.length; i++) {
            String text = row.get(i + 1);
            try {
                p[i] = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                issue(sink, IssueKind.INVALID_VALUE, where, "probability of \"" + columns[i].name() + "\" is \"" + text
                        + "\", not a number; row skipped");
                return;
            }
            if (!(p[i] >= 0 && p[i] <= 1)) {
                issue(sink, IssueKind.INVALID_VALUE, where, "probability of \"" + columns[i].name() + "\" is " + text
                        + ", outside [0, 1]; row skipped");
                return;
            }
        }
        seen.add(image.id());
        for (int i = 0; i < p.length; i++) {
            sink.probability(image.id(), columns[i].id(), p[i]);
        }
    }

    private void issue(PredictionSink sink, IssueKind kind, String where, String message) {
        sink.issue(new Issue(kind, "prediction", null, fileLabel, where, message));
    }
}
