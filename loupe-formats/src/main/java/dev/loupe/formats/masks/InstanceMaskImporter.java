package dev.loupe.formats.masks;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.BoxChecks;
import dev.loupe.formats.DatasetImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PNG instance masks in the DAVIS / YouTube-VOS layout: the mask of
 * {@code images/<video>/<frame>.<ext>} is {@code masks/<video>/<frame>.png}, a palette or
 * greyscale PNG of the image's size whose pixel value is an instance id (see
 * {@link InstanceMaskDecoder}: palette index, not colour; 0 background; 255 "void" in palette
 * masks). Each instance becomes one {@link Geometry.MaskShape}: its pixels as a COCO RLE
 * (column-major) and their bounding box in pixels, snapped to whole pixels as pycocotools'
 * toBbox ({@link Masks#toBox}). Categories come from a YouTube-VOS {@code meta.json} in the masks
 * folder or its parent, else every instance is "object" (see {@link InstanceCategories}).
 *
 * <p>Problems, each an issue while the image is kept: no mask file (MISSING_LABEL_FILE, info:
 * unlabelled frames are normal in video data), an undecodable mask (MALFORMED_FILE), a colour
 * mask (INVALID_VALUE), a mask of another size than the image (SIZE_MISMATCH: its instances are
 * not imported because their pixels cannot be placed on the image), a mask without image
 * (MISSING_IMAGE_FILE).
 *
 * <p>When a {@code <frame>.json} of normalised boxes (see {@link NormalisedBoxFile}) sits beside
 * the mask, as in Encord's examples, it is used as a cross-check only: a box whose left, top,
 * right or bottom side differs from the mask's box by more than {@value #SIDE_TOLERANCE} of the
 * image side, or an instance present in only one of the two, gives INCONSISTENT_LABELS. The
 * tolerance absorbs the 4-decimal rounding and the one-pixel conventions of such exports (the
 * shipped examples differ by at most 0.0041) while catching a box that was moved or resized.
 */
public final class InstanceMaskImporter implements DatasetImporter {
    /** Largest accepted difference between a JSON box side and the mask box side, fraction of the image side. */
    static final double SIDE_TOLERANCE = 0.01;

    private final Path imagesRoot;
    private final Path masksRoot;

    public InstanceMaskImporter(Path imagesRoot, Path masksRoot) {
        this.imagesRoot = imagesRoot;
        this.masksRoot = masksRoot;
    }

    @Override
    public String format() {
        return "masks";
    }

    @Override
    public void read(DatasetSink sink) {
        MirroredLayout layout = new MirroredLayout(imagesRoot, masksRoot, ".png", "masks");
        InstanceCategories categories = new InstanceCategories(layout.labelsRoot(), sink);
        long nextAnnotationId = 1;
        for (Path file : layout.images()) {
            String relative = layout.catalog().relativize(file);
            ImageRecord image = layout.catalog().add(sink, relative, null, null, null, null, null, null);
            String maskRelative = layout.labelFor(relative);
            Path mask = layout.resolveLabel(maskRelative);
            if (!Files.isRegularFile(mask)) {
                sink.issue(new Issue(IssueKind.MISSING_LABEL_FILE, "image", image.id(), relative, null,
                        "no mask " + maskRelative + " under " + layout.labelsRoot() + "; imported without annotations"));
                continue;
            }
            InstanceMaskDecoder.Decoded decoded = decode(sink, mask, maskRelative);
            if (decoded == null) {
                continue;
            }
            if (decoded.instances().size() > InstanceMaskDecoder.MAX_INSTANCES) {
                sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, maskRelative, null, "mask holds "
                        + decoded.instances().size() + " instance ids, more than the " + InstanceMaskDecoder.MAX_INSTANCES
                        + " one image may have (is it a label map or a depth image rather than instance ids?); "
                        + "no annotations imported from it"));
                continue;
            }
            if (image.hasSize() && (decoded.width() != image.width() || decoded.height() != image.height())) {
                sink.issue(new Issue(IssueKind.SIZE_MISMATCH, "file", null, maskRelative, null, "mask is "
                        + decoded.width() + "x" + decoded.height() + " but image " + relative + " is " + image.width()
                        + "x" + image.height() + "; expected the same size; its " + decoded.instances().size()
                        + " instance(s) " + describeInstances(decoded) + " were not imported"));
                continue;
            }
            Map<String, NormalisedBoxFile.Entry> jsonBoxes = companionBoxes(sink, layout, maskRelative);
            for (Map.Entry<Integer, Rle> instance : decoded.instances().entrySet()) {
                String instanceId = instance.getKey().toString();
                long annotationId = nextAnnotationId++;
                Rle rle = instance.getValue();
                Box box = Masks.toBox(rle);
                Integer categoryId = categories.categoryId(sink, maskRelative, instanceId);
                sink.annotation(Annotation.of(annotationId, image.id(), categoryId, new Geometry.MaskShape(box, rle),
                        maskRelative + "#" + instanceId));
                if (categoryId == null) {
                    sink.issue(categories.unknown(maskRelative, instanceId, annotationId));
                }
                if (jsonBoxes != null) {
                    compare(sink, jsonBoxes.remove(instanceId), box, decoded, maskRelative, instanceId, annotationId);
                }
            }
            if (jsonBoxes != null) {
                for (NormalisedBoxFile.Entry orphan : jsonBoxes.values()) {
                    sink.issue(new Issue(IssueKind.INCONSISTENT_LABELS, "annotation", null, jsonName(maskRelative),
                            orphan.pointer(), "box of instance " + orphan.instanceId() + " has no pixels in mask "
                            + maskRelative + "; expected the mask to contain pixel value " + orphan.instanceId()));
                }
            }
        }
        layout.reportUnusedLabels(sink, "mask");
    }

    private static InstanceMaskDecoder.Decoded decode(DatasetSink sink, Path mask, String maskRelative) {
        try {
            return InstanceMaskDecoder.decode(mask);
        } catch (InstanceMaskDecoder.UnsupportedMaskException e) {
            sink.issue(new Issue(IssueKind.INVALID_VALUE, "file", null, maskRelative, null, e.getMessage()
                    + "; no annotations imported from it"));
        } catch (IOException e) {
            sink.issue(new Issue(IssueKind.MALFORMED_FILE, "file", null, maskRelative, null, "cannot decode the mask: "
                    + e.getMessage() + "; expected a palette or greyscale PNG; no annotations imported from it"));
        }
        return null;
    }

    /** The boxes of the companion JSON by instance id (the first of duplicates), or null when there is none. */
    private static Map<String, NormalisedBoxFile.Entry> companionBoxes(DatasetSink sink, MirroredLayout layout,
                                                                       String maskRelative) {
        String jsonRelative = jsonName(maskRelative);
        Path json = layout.resolveLabel(jsonRelative);
        if (!Files.isRegularFile(json)) {
            return null;
        }
        // One frame's boxes: as many entries as instances in this mask, not in the dataset.
        Map<String, NormalisedBoxFile.Entry> boxes = new LinkedHashMap<>();
        NormalisedBoxFile.read(json, jsonRelative, e -> boxes.putIfAbsent(e.instanceId(), e), sink::issue);
        return boxes;
    }

    private static void compare(DatasetSink sink, NormalisedBoxFile.Entry json, Box maskBox,
                                InstanceMaskDecoder.Decoded mask, String maskRelative, String instanceId,
                                long annotationId) {
        String jsonRelative = jsonName(maskRelative);
        if (json == null) {
            sink.issue(new Issue(IssueKind.INCONSISTENT_LABELS, "annotation", annotationId, jsonRelative, null,
                    "mask " + maskRelative + " has instance " + instanceId + " but this file has no box for it;"
                            + " expected a key \"" + instanceId + "\""));
            return;
        }
        NormalisedBoxFile.ValueProblem bad = json.valueProblem();
        if (bad != null) {
            sink.issue(new Issue(IssueKind.NON_FINITE_OR_NEGATIVE, "annotation", annotationId, jsonRelative,
                    bad.pointer(), bad.message() + "; not compared with the mask"));
            return;
        }
        double w = mask.width();
        double h = mask.height();
        double left = Math.abs(json.x() - maskBox.x() / w);
        double top = Math.abs(json.y() - maskBox.y() / h);
        double right = Math.abs(json.x() + json.w() - maskBox.x2() / w);
        double bottom = Math.abs(json.y() + json.h() - maskBox.y2() / h);
        double worst = Math.max(Math.max(left, right), Math.max(top, bottom));
        if (worst > SIDE_TOLERANCE) {
            sink.issue(new Issue(IssueKind.INCONSISTENT_LABELS, "annotation", annotationId, jsonRelative,
                    json.pointer(), String.format(Locale.ROOT, "box %s (pixels %s) differs from the bounding box %s"
                            + " of instance %s in %s: sides off by left %.4f, top %.4f, right %.4f, bottom %.4f of the"
                            + " image side; expected at most %.2f", fractions(json),
                            BoxChecks.fmt(json.toPixels(mask.width(), mask.height())), BoxChecks.fmt(maskBox),
                            instanceId, maskRelative, left, top, right, bottom, SIDE_TOLERANCE)));
        }
    }

    private static String fractions(NormalisedBoxFile.Entry e) {
        return String.format(Locale.ROOT, "[%.4f, %.4f, %.4f, %.4f]", e.x(), e.y(), e.w(), e.h());
    }

    private static String describeInstances(InstanceMaskDecoder.Decoded decoded) {
        // Capped: a panoptic-style mask can hold hundreds of instances.
        int shown = 20;
        String listed = decoded.instances().entrySet().stream()
                .limit(shown)
                .map(e -> e.getKey() + " (" + Masks.area(e.getValue()) + " px)")
                .collect(Collectors.joining(", "));
        return "[" + listed + (decoded.instances().size() > shown ? ", ..." : "") + "]";
    }

    private static String jsonName(String maskRelative) {
        return maskRelative.substring(0, maskRelative.length() - ".png".length()) + ".json";
    }
}
