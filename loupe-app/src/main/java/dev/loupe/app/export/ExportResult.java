package dev.loupe.app.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an export wrote.
 *
 * @param out            the output folder (absolute)
 * @param format         the format
 * @param images         images exported
 * @param annotations    annotations selected (written or counted in {@code losses})
 * @param predictions    predictions written (0 without a set)
 * @param splits         split name to image count (empty when no split layout was written)
 * @param imageFiles     image files copied or linked (0 with {@code --images none})
 * @param files          the label, prediction and table files written, relative to {@code out}
 * @param losses         what the format could not hold, with counts
 * @param pathsRewritten image paths rewritten so that they stay under {@code out}
 * @param rewrittenExamples up to three "original -> written" examples
 * @param reimport       a command line that imports the export back, or null for tables
 */
public record ExportResult(Path out, ExportFormat format, long images, long annotations, long predictions,
                           Map<String, Long> splits, long imageFiles, List<String> files, List<Losses.Loss> losses,
                           long pathsRewritten, List<String> rewrittenExamples, String reimport) {
}
