package dev.loupe.app.issues;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Iou;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.IssueKind;
import dev.loupe.formats.BoxChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The geometric checks: the import's box checks ({@link BoxChecks}: degenerate, outside the
 * image) and same-class duplicates (two boxes of one class in one image with IoU at least
 * {@value #DUPLICATE_IOU}; the later one is reported).
 */
final class BoxCheckIssues {
    static final double DUPLICATE_IOU = 0.95;

    private BoxCheckIssues() {
    }

    static List<IssueEntry> find(Map<Long, ImageRecord> images, Map<Integer, Category> categories,
                                 Map<Long, List<Annotation>> byImage) {
        List<IssueEntry> out = new ArrayList<>();
        byImage.forEach((imageId, annotations) -> {
            ImageRecord image = images.get(imageId);
            List<Annotation> boxes = annotations.stream().filter(a -> !(a.geometry() instanceof Geometry.ImageLabel))
                    .toList();
            for (int i = 0; i < boxes.size(); i++) {
                Annotation a = boxes.get(i);
                Box b = a.geometry().box();
                String label = name(categories, a.categoryId());
                BoxChecks.check(b, image.width(), image.height()).ifPresent(p -> out.add(entry(kind(p.kind()), image, a,
                        label, p.message())));
                for (int j = 0; j < i; j++) {
                    Annotation other = boxes.get(j);
                    if (a.categoryId() != null && a.categoryId().equals(other.categoryId())) {
                        double iou = Iou.box(b, other.geometry().box(), false);
                        if (iou >= DUPLICATE_IOU) {
                            out.add(entry("duplicate", image, a, label, String.format(Locale.ROOT,
                                    "this %s box repeats annotation %d (IoU %.2f): one object labelled twice?", label,
                                    other.id(), iou)));
                            break;
                        }
                    }
                }
            }
        });
        return out;
    }

    private static String kind(IssueKind kind) {
        return switch (kind) {
            case DEGENERATE_BOX, NON_FINITE_OR_NEGATIVE -> "degenerate";
            case BOX_OUTSIDE_IMAGE, BOX_FULLY_OUTSIDE_IMAGE -> "out_of_bounds";
            default -> kind.id();
        };
    }

    private static IssueEntry entry(String kind, ImageRecord image, Annotation a, String label, String reason) {
        Box b = a.geometry().box();
        return new IssueEntry(0, kind, "box_check", null, image.path(), a.id(), new double[] {b.x(), b.y(), b.w(), b.h()},
                label, null, null, reason);
    }

    static String name(Map<Integer, Category> categories, Integer id) {
        Category c = id == null ? null : categories.get(id);
        return c == null ? null : c.name();
    }
}
