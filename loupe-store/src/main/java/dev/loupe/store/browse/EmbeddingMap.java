package dev.loupe.store.browse;

import java.util.List;

/**
 * Points of the 2-D embedding map.
 *
 * @param scope       image or annotation
 * @param total       items with map coordinates (the points are a sample when there are more than the limit)
 * @param colourMetric the metric of each point's {@code value}, or null
 * @param points      in id order
 */
public record EmbeddingMap(String scope, long total, String colourMetric, List<Point> points) {
    /**
     * @param id       image or annotation id
     * @param imageId  its image
     * @param category the annotation's class, or the image's most frequent class (null: none)
     * @param value    the colour metric's value, or null
     * @param match    whether the item meets the filter
     */
    public record Point(long id, long imageId, double x, double y, String category, Double value, boolean match, String path) {
    }
}
