package dev.loupe.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an import wrote.
 *
 * @param project      the project folder
 * @param images       images stored
 * @param annotations  annotations stored
 * @param issues       issues recorded, by kind id
 * @param seconds      wall time of the import
 */
public record ImportResult(Path project, long images, long annotations, Map<String, Long> issues, double seconds) {
    public ImportResult {
        issues = Map.copyOf(issues);
    }

    public long issueCount() {
        return issues.values().stream().mapToLong(Long::longValue).sum();
    }
}
