package dev.loupe.core.metrics.objects;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.ObjectView;
import dev.loupe.api.PixelImage;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An {@link AnnotationContext} from given parts; the pixels may be absent (null). */
public final class SimpleAnnotationContext implements AnnotationContext {
    private final ObjectView object;
    private final List<ObjectView> others;
    private final int imageWidth;
    private final int imageHeight;
    private final PixelImage pixels;
    private final SharedIndex index;
    private final int position;

    /**
     * @param object      the object the metric scores
     * @param others      the other objects of its image (not copied; must not change)
     * @param imageWidth  image width in pixels
     * @param imageHeight image height in pixels
     * @param pixels      the decoded image, or null when the run decoded none
     */
    public SimpleAnnotationContext(ObjectView object, List<ObjectView> others, int imageWidth, int imageHeight,
                                   PixelImage pixels) {
        this(object, others, imageWidth, imageHeight, pixels, null, -1);
    }

    private SimpleAnnotationContext(ObjectView object, List<ObjectView> others, int imageWidth, int imageHeight,
                                    PixelImage pixels, SharedIndex index, int position) {
        this.index = index;
        this.position = position;
        this.object = Objects.requireNonNull(object, "object");
        this.others = Objects.requireNonNull(others, "others");
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.pixels = pixels;
    }

    /**
     * One context per object of an image, each seeing all the other objects (views, not copies:
     * O(1) memory per context). When every object is a {@link GeometryObject}, {@link #overlapping()}
     * comes from one {@link OverlapIndex} of the image, built on first use.
     */
    public static List<AnnotationContext> forImage(List<? extends ObjectView> objects, int imageWidth, int imageHeight,
                                                   PixelImage pixels) {
        List<ObjectView> all = List.copyOf(objects);
        List<AnnotationContext> out = new ArrayList<>(all.size());
        SharedIndex index = all.stream().allMatch(o -> o instanceof GeometryObject) ? new SharedIndex(all) : null;
        for (int i = 0; i < all.size(); i++) {
            out.add(new SimpleAnnotationContext(all.get(i), new AllBut(all, i), imageWidth, imageHeight, pixels, index, i));
        }
        return out;
    }

    @Override
    public ObjectView object() {
        return object;
    }

    @Override
    public List<ObjectView> others() {
        return others;
    }

    @Override
    public Iterable<ObjectView> overlapping() {
        return index == null ? others : index.get().overlapping(position);
    }

    @Override
    public int imageWidth() {
        return imageWidth;
    }

    @Override
    public int imageHeight() {
        return imageHeight;
    }

    @Override
    public PixelImage pixels() {
        if (pixels == null) {
            throw new IllegalStateException("no pixels decoded");
        }
        return pixels;
    }

    /** The overlap index of one image, built by the first context that asks. */
    private static final class SharedIndex {
        private final List<ObjectView> all;
        private OverlapIndex index;

        SharedIndex(List<ObjectView> all) {
            this.all = all;
        }

        synchronized OverlapIndex get() {
            if (index == null) {
                index = new OverlapIndex(all);
            }
            return index;
        }
    }

    /** A read-only view of a list without one element. */
    private static final class AllBut extends AbstractList<ObjectView> {
        private final List<ObjectView> all;
        private final int skip;

        AllBut(List<ObjectView> all, int skip) {
            this.all = all;
            this.skip = skip;
        }

        @Override
        public ObjectView get(int index) {
            Objects.checkIndex(index, size());
            return all.get(index < skip ? index : index + 1);
        }

        @Override
        public int size() {
            return all.size() - 1;
        }
    }
}
