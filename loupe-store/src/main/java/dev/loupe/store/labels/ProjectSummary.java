package dev.loupe.store.labels;

import java.util.List;
import java.util.Map;

/**
 * What {@code loupe info} shows; its JSON form is a documented, stable interface (README).
 *
 * @param project          the project folder
 * @param schemaVersion    the store's schema version
 * @param createdWith      the Loupe version that created it
 * @param format           the label format imported
 * @param imagesRoot       absolute images folder
 * @param labels           the label file or folder imported, or null
 * @param images           number of images
 * @param annotations      number of annotations
 * @param annotationsByKind count per geometry kind (box, polygon, mask, label)
 * @param annotationsWithoutClass annotations whose class was unknown
 * @param crowdAnnotations annotations with iscrowd
 * @param difficultAnnotations annotations PASCAL VOC marks difficult
 * @param categories       every class, in id order, with its annotation and image counts
 * @param splits           images per split ("none" for images without one)
 * @param issues           issues by kind with a few examples
 */
public record ProjectSummary(String project, int schemaVersion, String createdWith, String format, String imagesRoot,
                             String labels, long images, long annotations, Map<String, Long> annotationsByKind,
                             long annotationsWithoutClass, long crowdAnnotations, long difficultAnnotations,
                             List<CategoryCount> categories,
                             Map<String, Long> splits, IssueSummary issues) {

    /** One class with its counts. */
    public record CategoryCount(int id, String name, String supercategory, long annotations, long images) {
    }

    /** All issues: total and by kind, most frequent first. */
    public record IssueSummary(long total, List<IssueKindCount> byKind) {
    }

    /** One kind of issue, how often, and up to three examples. */
    public record IssueKindCount(String kind, String severity, long count, List<IssueExample> examples) {
    }

    /** One recorded issue. */
    public record IssueExample(String itemType, Long itemId, String file, String location, String message) {
    }
}
