package dev.loupe.eval.labels;

import java.util.Arrays;
import java.util.stream.Collectors;

/** How {@link ConfidentLearning#findLabelIssues} decides which items have a label issue (cleanlab's {@code filter_by}). */
public enum IssueFilter {
    /** Per off-diagonal (given k, true j) of the confident joint, the items given k with the largest p(j) - p(k). */
    PRUNE_BY_NOISE_RATE("prune_by_noise_rate"),
    /** Per class k, the items given k with the smallest p(k), as many as the joint says are mislabelled. */
    PRUNE_BY_CLASS("prune_by_class"),
    /** Flagged by both of the above. */
    BOTH("both"),
    /** The items counted off the diagonal of the confident joint. */
    CONFIDENT_LEARNING("confident_learning"),
    /** The items whose arg max is not the given label. */
    PREDICTED_NEQ_GIVEN("predicted_neq_given");

    private final String id;

    IssueFilter(String id) {
        this.id = id;
    }

    /** cleanlab's name of the filter. */
    public String id() {
        return id;
    }

    /**
     * The filter with the given cleanlab name.
     *
     * @throws IllegalArgumentException listing the names when none matches
     */
    public static IssueFilter of(String id) {
        for (IssueFilter f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown filter '" + id + "'; known: "
                + Arrays.stream(values()).map(IssueFilter::id).collect(Collectors.joining(", ")));
    }
}
