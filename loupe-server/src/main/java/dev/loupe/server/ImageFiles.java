package dev.loupe.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Finds an image's file from the path the import stored, never from a request: the request names
 * an image id only. The stored path is resolved under the images folder and must stay inside it
 * (a path with {@code ..} or an absolute path is refused).
 */
final class ImageFiles {
    private static final Map<String, String> TYPES = Map.of("jpg", "image/jpeg", "jpeg", "image/jpeg", "png", "image/png",
            "gif", "image/gif", "bmp", "image/bmp", "webp", "image/webp", "tif", "image/tiff", "tiff", "image/tiff");
    private final Path root;

    ImageFiles(Path imagesRoot) {
        this.root = imagesRoot.toAbsolutePath().normalize();
    }

    /** The file of a stored path, or an error when it lies outside the images folder or is missing. */
    Path resolve(long imageId, String storedPath) {
        Path file = root.resolve(storedPath).normalize();
        if (!file.startsWith(root) || Path.of(storedPath).isAbsolute()) {
            throw new ApiError(403, "forbidden", "image " + imageId + " has a path outside the images folder");
        }
        if (!Files.isRegularFile(file)) {
            throw ApiError.notFound("the file of image " + imageId + " is missing: " + storedPath);
        }
        return file;
    }

    /** The content type by extension; application/octet-stream when unknown. */
    static String contentType(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }
}
