package dev.loupe.app.report;

/**
 * What {@code loupe report} puts in.
 *
 * @param setName     the prediction set to evaluate, or null for the latest one (none: no evaluation section)
 * @param examples    example thumbnails per issue kind and per outlier metric (0 to 24)
 * @param labelIssues rows of the label-error ranking (0 to 500)
 * @param side        the thumbnails' longest side in pixels (64 to 512)
 */
public record ReportRequest(String setName, int examples, int labelIssues, int side) {
    public static final int DEFAULT_EXAMPLES = 6;
    public static final int DEFAULT_LABEL_ISSUES = 30;
    public static final int DEFAULT_SIDE = 160;

    public ReportRequest {
        if (examples < 0 || examples > 24 || labelIssues < 0 || labelIssues > 500 || side < 64 || side > 512) {
            throw new IllegalArgumentException("examples must be 0 to 24, label issues 0 to 500, the thumbnail side 64 to 512");
        }
    }
}
