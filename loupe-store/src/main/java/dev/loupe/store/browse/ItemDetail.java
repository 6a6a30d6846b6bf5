package dev.loupe.store.browse;

import java.util.List;
import java.util.Map;

/**
 * Everything known about one image: its record, every metric value, its annotations (each with
 * its own metrics, issues and tags), the import issues and rule findings, and its tags.
 *
 * @param metrics  metric id to value (numbers as Double, hashes as String); missing values are absent
 * @param issues   import issues recorded on the image, then the issue rules it meets
 * @param previous the previous image id in id order, or null
 * @param next     the next image id in id order, or null
 */
public record ItemDetail(long id, String path, Integer width, Integer height, String format, String split, long fileSize,
                         Map<String, Object> metrics, List<ItemIssue> issues, List<String> tags,
                         List<AnnotationDetail> annotations, Long previous, Long next) {

    /** One annotation of the image. */
    public record AnnotationDetail(long id, String category, Shape shape, boolean iscrowd, Double confidence,
                                   Map<String, Object> metrics, List<ItemIssue> issues, List<String> tags) {
    }

    /**
     * A problem on an item: a stored import issue ({@code source = "import"}) or an issue rule it
     * meets ({@code source = "rule"}, message = the rule's description and expression).
     */
    public record ItemIssue(String kind, String source, String severity, String message, String location) {
    }
}
