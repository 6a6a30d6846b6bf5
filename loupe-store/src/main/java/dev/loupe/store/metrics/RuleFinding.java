package dev.loupe.store.metrics;

import java.util.List;

/**
 * How many items an issue rule flags, with a few examples.
 *
 * @param rule       rule id
 * @param scope      image or annotation
 * @param expression the conditions, e.g. "image.entropy < 3.0"
 * @param count      items flagged
 * @param examples   up to five, lowest id first: "path" for images, "path #id (class)" for annotations
 * @param missing    metric ids the rule needs but the project has not computed (count is then 0)
 */
public record RuleFinding(String rule, String scope, String description, String expression, long count,
                          List<String> examples, List<String> missing) {
}
