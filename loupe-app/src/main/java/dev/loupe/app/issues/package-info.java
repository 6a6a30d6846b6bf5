/**
 * {@code loupe issues}: one ranked list of likely label and image problems, merging confident
 * learning (classification sets), ObjectLab (detection sets), the import's box checks and the
 * image issue rules. {@link dev.loupe.app.issues.IssueEntry} is the stable JSON shape.
 */
package dev.loupe.app.issues;
