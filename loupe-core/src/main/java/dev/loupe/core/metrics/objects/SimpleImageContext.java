package dev.loupe.core.metrics.objects;

import dev.loupe.api.ImageContext;
import dev.loupe.api.ObjectView;
import dev.loupe.api.PixelImage;
import java.util.List;
import java.util.Objects;

/** An {@link ImageContext} from given parts; the pixels may be absent (null). */
public final class SimpleImageContext implements ImageContext {
    private final PixelImage pixels;
    private final int width;
    private final int height;
    private final long fileSize;
    private final String path;
    private final List<ObjectView> objects;

    /**
     * @param pixels   the decoded image, or null when the run decoded none
     * @param width    width in pixels
     * @param height   height in pixels
     * @param fileSize file size in bytes
     * @param path     path relative to the project's images folder
     * @param objects  the image's annotations (copied)
     */
    public SimpleImageContext(PixelImage pixels, int width, int height, long fileSize, String path,
                              List<? extends ObjectView> objects) {
        this.pixels = pixels;
        this.width = width;
        this.height = height;
        this.fileSize = fileSize;
        this.path = Objects.requireNonNull(path, "path");
        this.objects = List.copyOf(objects);
    }

    @Override
    public PixelImage pixels() {
        if (pixels == null) {
            throw new IllegalStateException("no pixels decoded");
        }
        return pixels;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public long fileSize() {
        return fileSize;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public List<ObjectView> objects() {
        return objects;
    }
}
