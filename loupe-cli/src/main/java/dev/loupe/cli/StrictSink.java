package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import java.util.ArrayList;
import java.util.List;

/** Passes everything through and, with --strict, fails the import when an error-severity issue was recorded. */
final class StrictSink implements DatasetSink {
    private static final int SHOWN = 5;
    private final DatasetSink delegate;
    private final boolean strict;
    private final List<String> errors = new ArrayList<>();
    private long errorCount;

    StrictSink(DatasetSink delegate, boolean strict) {
        this.delegate = delegate;
        this.strict = strict;
    }

    @Override
    public void category(Category category) {
        delegate.category(category);
    }

    @Override
    public void image(ImageRecord image) {
        delegate.image(image);
    }

    @Override
    public void annotation(Annotation annotation) {
        delegate.annotation(annotation);
    }

    @Override
    public void issue(Issue issue) {
        delegate.issue(issue);
        if (issue.kind().severity() == IssueKind.Severity.ERROR) {
            errorCount++;
            if (errors.size() < SHOWN) {
                errors.add(issue.kind().id() + ": " + issue.describe());
            }
        }
    }

    void failIfErrors() {
        if (strict && errorCount > 0) {
            throw LoupeException.badInput("--strict: " + errorCount + " error(s) in the labels, no project created; first: "
                    + String.join("; ", errors));
        }
    }
}
