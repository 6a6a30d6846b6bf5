/**
 * {@code loupe report}: the findings on a project as one self-contained HTML file that opens
 * anywhere without a network. {@link dev.loupe.app.report.ProjectReport} gathers what to show (the
 * summary, class balance, issues with example thumbnails, metric distributions, the label-error
 * ranking, the evaluation), {@link dev.loupe.app.report.HtmlReport} writes it with inline CSS and
 * SVG charts ({@link dev.loupe.app.report.Svg}), and {@link dev.loupe.app.report.LabelledThumbnail}
 * embeds small JPEGs with the labels drawn on them.
 */
package dev.loupe.app.report;
