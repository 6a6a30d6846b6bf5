package dev.loupe.app.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an export could not carry into its format, counted by what happened ("polygons written as
 * their bounding boxes (YOLO lines hold one ring without holes)": 12), so no loss is silent.
 */
public final class Losses {
    private final Map<String, Long> counts = new LinkedHashMap<>();

    /** Counts one item under a description of what happened to it and why. */
    public void add(String what) {
        counts.merge(what, 1L, Long::sum);
    }

    /** Counts n items. */
    public void add(String what, long n) {
        if (n > 0) {
            counts.merge(what, n, Long::sum);
        }
    }

    /** The losses in the order first met. */
    public List<Loss> list() {
        List<Loss> out = new ArrayList<>();
        counts.forEach((k, v) -> out.add(new Loss(k, v)));
        return out;
    }

    /** One kind of loss and how many items it hit. */
    public record Loss(String what, long count) {
    }
}
