package dev.loupe.formats.masks;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.BoxChecks;
import dev.loupe.formats.DatasetImporter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-frame JSON files of normalised boxes, as in Encord's examples: the boxes of
 * {@code images/<video>/<frame>.<ext>} are in {@code labels/<video>/<frame>.json},
 * {@code {"<instance id>": {"x": .., "y": .., "w": .., "h": ..}}} with x, y the top-left corner and
 * all four values fractions of the image width (x, w) or height (y, h) (see
 * {@link NormalisedBoxFile}). Each box becomes a {@link Geometry.BoxShape} in pixels,
 * {@code [x*W, y*H, w*W, h*H]} with W x H the size in the image's header. Categories come from a
 * YouTube-VOS {@code meta.json} in the labels folder or its parent, else every box is "object"
 * (see {@link InstanceCategories}).
 *
 * <p>Every box that can be read is kept, even a bad one, with one issue: NaN, infinite or negative
 * values (NON_FINITE_OR_NEGATIVE), else the first {@link BoxChecks} problem (degenerate, outside
 * the image). Boxes of an image whose size is unknown (missing or unreadable image) cannot be
 * converted to pixels and are left out with one issue for the file. A frame without JSON is
 * imported unlabelled (MISSING_LABEL_FILE, info); a JSON without image gives MISSING_IMAGE_FILE.
 */
public final class NormalisedBoxJsonImporter implements DatasetImporter {
    private final Path imagesRoot;
    private final Path labelsRoot;

    public NormalisedBoxJsonImporter(Path imagesRoot, Path labelsRoot) {
        this.imagesRoot = imagesRoot;
        this.labelsRoot = labelsRoot;
    }

    @Override
    public String format() {
        return "boxes-json";
    }

    @Override
    public void read(DatasetSink sink) {
        MirroredLayout layout = new MirroredLayout(imagesRoot, labelsRoot, ".json", "box labels");
        InstanceCategories categories = new InstanceCategories(layout.labelsRoot(), sink);
        long[] nextAnnotationId = {1};
        for (Path file : layout.images()) {
            String relative = layout.catalog().relativize(file);
            ImageRecord image = layout.catalog().add(sink, relative, null, null, null, null, null, null);
            String jsonRelative = layout.labelFor(relative);
            Path json = layout.resolveLabel(jsonRelative);
            if (!Files.isRegularFile(json)) {
                sink.issue(new Issue(IssueKind.MISSING_LABEL_FILE, "image", image.id(), relative, null,
                        "no box file " + jsonRelative + " under " + layout.labelsRoot() + "; imported without annotations"));
                continue;
            }
            int[] skipped = {0};
            NormalisedBoxFile.read(json, jsonRelative, entry -> {
                if (!image.hasSize()) {
                    skipped[0]++;
                    return;
                }
                emit(sink, categories, image, jsonRelative, entry, nextAnnotationId[0]++);
            }, sink::issue);
            if (skipped[0] > 0) {
                sink.issue(new Issue(IssueKind.UNREADABLE_IMAGE, "file", null, jsonRelative, null, skipped[0]
                        + " box(es) not imported: the size of image " + relative + " is unknown, so normalised"
                        + " coordinates cannot be converted to pixels; expected a readable image"));
            }
        }
        layout.reportUnusedLabels(sink, "box file");
    }

    private static void emit(DatasetSink sink, InstanceCategories categories, ImageRecord image, String jsonRelative,
                             NormalisedBoxFile.Entry entry, long annotationId) {
        Box box = entry.toPixels(image.width(), image.height());
        Integer categoryId = categories.categoryId(sink, jsonRelative, entry.instanceId());
        sink.annotation(Annotation.of(annotationId, image.id(), categoryId, new Geometry.BoxShape(box),
                jsonRelative + "#" + entry.instanceId()));
        if (categoryId == null) {
            sink.issue(categories.unknown(jsonRelative, entry.instanceId(), annotationId));
        }
        NormalisedBoxFile.ValueProblem bad = entry.valueProblem();
        if (bad != null) {
            sink.issue(new Issue(IssueKind.NON_FINITE_OR_NEGATIVE, "annotation", annotationId, jsonRelative,
                    bad.pointer(), bad.message() + "; box kept as " + BoxChecks.fmt(box) + " px"));
            return;
        }
        BoxChecks.check(box, image.width(), image.height()).ifPresent(p -> sink.issue(new Issue(p.kind(),
                "annotation", annotationId, jsonRelative, entry.pointer(), p.message())));
    }
}
