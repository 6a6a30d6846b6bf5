package dev.loupe.eval;

import dev.loupe.core.model.Category;
import java.util.Objects;

/**
 * AP and AR of one class at area "all" and the largest detection limit, computed from the
 * accumulated tables as {@link Summary} does for all classes (mean over the entries that are not
 * -1; -1 when the class has no non-ignored ground truth).
 *
 * @param category the class
 * @param ap       mean precision over IoU 0.50:0.95 and the recall points
 * @param ap50     the same at IoU 0.50 only (-1 if 0.50 is not a threshold)
 * @param ap75     the same at IoU 0.75 only (-1 if 0.75 is not a threshold)
 * @param ar       mean recall over the IoU thresholds
 */
public record ClassMetrics(Category category, double ap, double ap50, double ap75, double ar) {
    public ClassMetrics {
        Objects.requireNonNull(category, "category");
    }
}
