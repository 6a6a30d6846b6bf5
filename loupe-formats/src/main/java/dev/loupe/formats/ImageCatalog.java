package dev.loupe.formats;

import dev.loupe.core.image.ImageHeader;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.image.ImageHeaders;
import dev.loupe.core.image.RefusedImageFile;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.IssueKind;
import dev.loupe.core.model.DatasetSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns image files under the images folder into {@link ImageRecord}s: assigns ids, reads sizes
 * from the headers (not the pixels), and records a missing or unreadable file or a size that
 * disagrees with the labels as an issue on the image, which is kept.
 */
public final class ImageCatalog {
    private final Path imagesRoot;
    private final ImageFolder folder;
    private long nextId = 1;

    public ImageCatalog(Path imagesRoot) {
        this.folder = new ImageFolder(imagesRoot);
        this.imagesRoot = folder.root();
    }

    public Path root() {
        return imagesRoot;
    }

    /**
     * Emits one image.
     *
     * @param relativePath  path under the images folder, '/'-separated
     * @param labelWidth    width the labels declare, or null
     * @param labelHeight   height the labels declare, or null
     * @param split         split name or null
     * @param sourceId      the id in the labels, or null
     * @param labelFile     the label file that declared the image (for issue messages), or null
     * @param location      where in the label file, or null
     */
    public ImageRecord add(DatasetSink sink, String relativePath, Integer labelWidth, Integer labelHeight,
                           String split, String sourceId, String labelFile, String location) {
        long id = nextId++;
        Path file = resolve(relativePath);
        Integer width = labelWidth;
        Integer height = labelHeight;
        String format = null;
        long size = -1;
        List<Issue> issues = new ArrayList<>(1);
        if (file == null) {
            issues.add(new Issue(IssueKind.INVALID_VALUE, "image", id, labelFile, location, folder.problem(relativePath)));
        } else {
            try {
                ImageHeader header = ImageHeaders.read(folder.locate(relativePath));
                format = header.format();
                size = header.fileSize();
                if (width == null || height == null) {
                    width = header.width();
                    height = header.height();
                } else if (width != header.width() || height != header.height()) {
                    issues.add(new Issue(IssueKind.SIZE_MISMATCH, "image", id, labelFile, location,
                            "labels say " + width + "x" + height + " but " + relativePath + " is "
                                    + header.width() + "x" + header.height() + "; the header's size is used"));
                    width = header.width();
                    height = header.height();
                }
            } catch (RefusedImageFile e) {
                // Never opened: a link out of the folder, a FIFO (would block), a device (never ends).
                issues.add(new Issue(IssueKind.INVALID_VALUE, "image", id, labelFile, location, e.getMessage()));
            } catch (NoSuchFileException e) {
                issues.add(new Issue(IssueKind.MISSING_IMAGE_FILE, "image", id, labelFile, location,
                        "image file " + relativePath + " not found under " + imagesRoot));
            } catch (IOException e) {
                size = sizeOrMinusOne(file);
                issues.add(new Issue(IssueKind.UNREADABLE_IMAGE, "image", id, relativePath, null,
                        "cannot read image header: " + e.getMessage()));
            }
        }
        ImageRecord image = new ImageRecord(id, relativePath, width, height, format, split, size, sourceId);
        sink.image(image);
        issues.forEach(sink::issue);
        return image;
    }

    /** The file for a relative path (by name only), or null when the path would leave the images folder. */
    public Path resolve(String relativePath) {
        return folder.resolve(relativePath);
    }

    /** The '/'-separated path of a file under the images folder. */
    public String relativize(Path file) {
        return imagesRoot.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** Every image file under the folder (recursively), sorted by relative path. */
    public List<Path> listImageFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(ImageHeaders::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    private static long sizeOrMinusOne(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
