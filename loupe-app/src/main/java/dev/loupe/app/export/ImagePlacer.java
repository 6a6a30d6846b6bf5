package dev.loupe.app.export;

import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.image.RefusedImageFile;
import dev.loupe.core.model.ImageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts an exported image's file under OUT: a copy, or a symbolic link to its real path, or nothing.
 * The source is opened through the project's {@link ImageFolder}, so a stored path that would leave
 * the images folder is not read; a missing or refused file is counted in {@link Losses} and its
 * labels are still written.
 */
final class ImagePlacer {
    static final String MISSING = "image files not copied or linked: missing";
    static final String REFUSED = "image files not copied or linked: refused (outside the images folder or not a regular file)";

    private final ImageFolder source;
    private final ImageMode mode;
    private final OutputFolder out;
    private final Losses losses;
    private long placed;

    ImagePlacer(Path imagesRoot, ImageMode mode, OutputFolder out, Losses losses) {
        this.source = new ImageFolder(imagesRoot);
        this.mode = mode;
        this.out = out;
        this.losses = losses;
    }

    ImageMode mode() {
        return mode;
    }

    /**
     * The path the labels give for an image: with copy and link its safe relative path (relative to the
     * folder it is placed in), with none its stored path (relative to the project's images folder).
     */
    String labelPath(ImageRecord image) {
        return mode == ImageMode.NONE ? image.path() : out.safeRelative(image.path());
    }

    /** Copies or links the image to {@code folder/labelPath}; nothing with none. */
    void place(ImageRecord image, String folder, String labelPath) {
        if (mode == ImageMode.NONE) {
            return;
        }
        try {
            Path real = source.locate(image.path());
            Path target = out.file(folder + "/" + labelPath);
            if (mode == ImageMode.COPY) {
                Files.copy(real, target, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createSymbolicLink(target, real);
            }
            placed++;
        } catch (RefusedImageFile e) {
            losses.add(REFUSED);
        } catch (NoSuchFileException e) {
            losses.add(MISSING);
        } catch (IOException e) {
            throw dev.loupe.core.LoupeException.badInput("cannot " + (mode == ImageMode.COPY ? "copy" : "link") + " image "
                    + image.path() + " into " + out.root() + ": " + e.getMessage());
        }
    }

    long placed() {
        return placed;
    }
}
