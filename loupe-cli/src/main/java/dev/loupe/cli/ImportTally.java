package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;

/**
 * Counts what an import kept and refused (through {@link #counting}), so that an import that
 * keeps nothing fails (no project is created) and a partial one says "kept N of M". An annotation
 * was refused when an issue names the annotation scope without an item (it could not be kept);
 * an importer pointed at the wrong layout finds a label file for none of the images.
 */
final class ImportTally {
    private long images;
    private long annotations;
    private long refused;
    private long imagesWithoutLabels;
    private Issue firstRefused;
    private Issue firstWithoutLabels;

    /** A sink that passes everything to {@code delegate} and counts it here. */
    DatasetSink counting(DatasetSink delegate) {
        return new DatasetSink() {
            @Override
            public void category(Category category) {
                delegate.category(category);
            }

            @Override
            public void image(ImageRecord image) {
                images++;
                delegate.image(image);
            }

            @Override
            public void annotation(Annotation annotation) {
                annotations++;
                delegate.annotation(annotation);
            }

            @Override
            public void issue(Issue issue) {
                delegate.issue(issue);
                count(issue);
            }
        };
    }

    private void count(Issue issue) {
        if (issue.itemType().equals("annotation") && issue.itemId() == null) {
            refused++;
            firstRefused = firstRefused == null ? issue : firstRefused;
        } else if (issue.kind() == IssueKind.MISSING_LABEL_FILE && issue.itemType().equals("image")) {
            imagesWithoutLabels++;
            firstWithoutLabels = firstWithoutLabels == null ? issue : firstWithoutLabels;
        }
    }

    /** Fails when the import kept no image, or no annotation although it read labels or had images to label. */
    void failIfNothingKept(String format, String labels) {
        String source = "the " + format + " import of " + labels;
        if (images == 0) {
            throw LoupeException.badInput(source + " found no images; nothing was created");
        }
        if (annotations > 0) {
            return;
        }
        if (refused > 0) {
            throw LoupeException.badInput(source + " kept 0 of " + refused + " annotations; nothing was created; the first "
                    + "refused: " + firstRefused.kind().id() + ": " + firstRefused.describe());
        }
        if (imagesWithoutLabels == images) {
            throw LoupeException.badInput(source + " found labels for none of the " + images + " images (is it a "
                    + format + " layout?); nothing was created; the first: " + firstWithoutLabels.describe());
        }
    }

    /** "kept N of M annotations" when some were refused, else "N annotations". */
    String annotationsText() {
        return refused == 0 ? annotations + " annotations" : "kept " + annotations + " of " + (annotations + refused) + " annotations";
    }
}
