package dev.loupe.core.metrics.rules;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The issue rules and their default thresholds, in one place. A project may override a rule's
 * threshold in {@code PROJECT/rules.properties} ({@code dark = 0.25}) or switch a rule off
 * ({@code dark = off}).
 *
 * <p>Image defaults follow CleanVision's published rules so that counts are comparable: dark when
 * the 99th percentile of perceived brightness is below 0.32; too bright when 1 − its 5th
 * percentile is below 0.05 (5th percentile above 0.95); low information when entropy is below 3
 * bits; odd aspect ratio when min(w/h, h/w) is below 0.35; blurry when CleanVision's blur score is
 * below 0.29; grayscale when the source has one channel. Near duplicates (pHash, and embeddings
 * after {@code loupe embed}): the image is in a group whose every pair is far closer than this
 * dataset's usual nearest-neighbour distance ({@link dev.loupe.core.similarity.DuplicateThreshold},
 * complete linkage); pHash only for images at least 64 pixels on the short side. A constant threshold
 * (formerly pHash ≤ 8 bits, cosine ≤ 0.03, single linkage) flagged 52-86% of Fashion-MNIST, which has
 * essentially no duplicates. Too many objects: over 10 000 on one image, the most {@code --masks}
 * accepts in one mask; the densest public detection sets stay far below.
 */
public final class IssueRules {
    public static final String FILE = "rules.properties";
    private static final List<IssueRule> DEFAULTS = List.of(
            rule("dark", Scope.IMAGE, "too dark: even the brightest 1% of pixels are dim (CleanVision's rule)",
                    "image.perceived_brightness_p99", Condition.Op.LT, 0.32),
            rule("too_bright", Scope.IMAGE, "too bright: even the darkest 5% of pixels are nearly white (CleanVision's rule)",
                    "image.perceived_brightness_p5", Condition.Op.GT, 0.95),
            rule("low_information", Scope.IMAGE, "low information: grey-level entropy below 3 bits (CleanVision's rule)",
                    "image.entropy", Condition.Op.LT, 3.0),
            rule("blurry", Scope.IMAGE, "blurry: CleanVision's blur score (edges and contrast of a 64-pixel thumbnail) is low",
                    "image.blur_score_cleanvision", Condition.Op.LT, 0.29),
            rule("odd_aspect_ratio", Scope.IMAGE, "odd aspect ratio: the short side is under 35% of the long side",
                    "image.aspect_ratio_min", Condition.Op.LT, 0.35),
            rule("grayscale", Scope.IMAGE, "grayscale: the file has a single channel",
                    "image.channels", Condition.Op.EQ, 1),
            rule("exact_duplicate", Scope.IMAGE, "exact duplicate: another image has the same pixels",
                    "image.duplicate_group_size", Condition.Op.GT, 1),
            rule("near_duplicate", Scope.IMAGE, "near duplicate: in a group of images whose perceptual hashes are far closer than "
                            + "this dataset's usual nearest-neighbour distance",
                    "image.near_duplicate_group_size", Condition.Op.GT, 1),
            rule("embedding_near_duplicate", Scope.IMAGE, "near duplicate by embedding: in a group of images far closer than this "
                            + "dataset's usual nearest-neighbour distance (loupe embed)",
                    "image.embedding_duplicate_group_size", Condition.Op.GT, 1),
            rule("too_many_objects", Scope.IMAGE, "too many objects: over 10000 labelled objects on one image (a generated "
                    + "or corrupted label file?)", "image.object_count", Condition.Op.GT, 10_000),
            rule("duplicate_annotation", Scope.ANNOTATION, "duplicate annotation: overlaps another box of the same class with IoU >= 0.6",
                    "annotation.duplicate_overlap", Condition.Op.GE, 0.6),
            rule("tiny_object", Scope.ANNOTATION, "tiny object: under 1/10000 of the image area",
                    "annotation.relative_area", Condition.Op.LT, 1e-4),
            rule("touching_border", Scope.ANNOTATION, "touches the image border (possibly truncated object)",
                    "annotation.border_proximity", Condition.Op.LE, 0),
            rule("degenerate_shape", Scope.ANNOTATION, "degenerate shape: zero or negative size, or NaN",
                    "annotation.degenerate", Condition.Op.EQ, 1),
            rule("out_of_bounds", Scope.ANNOTATION, "extends past the image border",
                    "annotation.out_of_bounds", Condition.Op.EQ, 1),
            rule("low_annotation_quality", Scope.ANNOTATION, "look-alike objects in other images mostly have another class (loupe embed)",
                    "annotation.quality", Condition.Op.LT, 0.2));

    private IssueRules() {
    }

    private static IssueRule rule(String id, Scope scope, String description, String metric, Condition.Op op, double t) {
        return new IssueRule(id, scope, description, List.of(new Condition(metric, op, t)));
    }

    /** The default rules. */
    public static List<IssueRule> defaults() {
        return DEFAULTS;
    }

    /** The defaults with the project's overrides applied (when its rules.properties exists). */
    public static List<IssueRule> forProject(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULTS;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, file + ": cannot read: " + e.getMessage(), e);
        }
        Map<String, IssueRule> rules = new LinkedHashMap<>();
        DEFAULTS.forEach(r -> rules.put(r.id(), r));
        for (String key : p.stringPropertyNames()) {
            IssueRule r = rules.get(key);
            if (r == null) {
                throw LoupeException.badInput(file + ": unknown rule '" + key + "'; known: " + String.join(", ", rules.keySet()));
            }
            String value = p.getProperty(key).strip();
            if (value.equalsIgnoreCase("off")) {
                rules.remove(key);
                continue;
            }
            try {
                rules.put(key, r.withThreshold(Double.parseDouble(value)));
            } catch (IllegalArgumentException e) {
                throw LoupeException.badInput(file + ": " + key + " = " + value + ": expected a number or 'off'");
            }
        }
        return new ArrayList<>(rules.values());
    }
}
