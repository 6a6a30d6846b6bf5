package dev.loupe.app.overview;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.browse.IssueKindInfo;
import dev.loupe.store.labels.ProjectSummary;
import dev.loupe.store.metrics.AnalysisSummary;
import dev.loupe.store.metrics.MetricStats;
import dev.loupe.store.metrics.RuleFinding;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.tags.TagCount;
import java.util.List;

/**
 * Everything a project's overview shows, in one shape for {@code loupe info --json} and
 * {@code GET /api/summary}: the project's facts at the top level (the shape {@code info --json}
 * has kept since its first release; fields are only ever added), the metric analysis, the issue
 * kinds a filter can name, the tags and the prediction sets.
 *
 * @param project          images, annotations, classes, splits and import issues (written at the top level)
 * @param analysis         the latest analyze run, outliers per metric and what the issue rules flag
 * @param imageIssues      issue kinds of images (issue rules with their counts, import issue kinds)
 * @param annotationIssues issue kinds of annotations
 * @param tags             every tag with its image and annotation counts
 * @param predictionSets   the prediction sets
 */
public record ProjectOverview(@JsonUnwrapped ProjectSummary project, Analysis analysis, List<IssueKindInfo> imageIssues,
                              List<IssueKindInfo> annotationIssues, List<TagCount> tags,
                              List<PredictionSetInfo> predictionSets) {

    /**
     * The metric part: the latest run, outliers per metric and what the issue rules flag.
     *
     * @param summary            the latest analyze run, the metrics stored and the failures
     * @param imageOutliers      quartiles and IQR outliers of every numeric image metric
     * @param annotationOutliers the same for annotation metrics
     * @param findings           what each issue rule flags, with examples
     */
    public record Analysis(AnalysisSummary summary, List<MetricStats> imageOutliers, List<MetricStats> annotationOutliers,
                           List<RuleFinding> findings) {
    }

    /** Reads a project's overview; {@code rules} are the project's issue rules. */
    public static ProjectOverview of(ProjectStore store, List<IssueRule> rules) {
        Analysis analysis = new Analysis(store.metrics().summary(), store.metrics().stats(Scope.IMAGE),
                store.metrics().stats(Scope.ANNOTATION), store.metrics().findings(rules));
        return new ProjectOverview(store.labels().summary(), analysis, store.browse().issueKinds(Scope.IMAGE, rules),
                store.browse().issueKinds(Scope.ANNOTATION, rules), store.tags().list(), store.predictions().sets());
    }
}
