package dev.loupe.server;

import dev.loupe.core.LoupeException;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.image.RefusedImageFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Finds an image's file from the path the import stored, never from a request: the request names
 * an image id only. The stored path is resolved under the images folder and must stay inside it,
 * symbolic links resolved (a path with {@code ..}, an absolute path, a link to a file outside the
 * folder, or anything but a regular file is refused with 403, see {@link ImageFolder}).
 */
final class ImageFiles {
    private static final Map<String, String> TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png",
            "gif", "image/gif", "bmp", "image/bmp", "webp", "image/webp", "tif", "image/tiff", "tiff", "image/tiff");
    private final ImageFolder folder;

    ImageFiles(Path imagesRoot) {
        this.folder = new ImageFolder(imagesRoot);
    }

    /** The real path of a stored path's file, or an error when it is refused or missing. */
    Path resolve(long imageId, String storedPath) {
        try {
            return folder.locate(storedPath);
        } catch (RefusedImageFile e) {
            // The reason stays in the server: it could name a file outside the folder.
            throw new ApiError(403, "forbidden", "image " + imageId + " has a path outside the images folder, "
                    + "a link that leads outside it, or is not a regular file; it is not served");
        } catch (IOException e) {
            throw LoupeException.notFound("the file of image " + imageId + " is missing: " + storedPath);
        }
    }

    /** The content type by extension; application/octet-stream when unknown. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
