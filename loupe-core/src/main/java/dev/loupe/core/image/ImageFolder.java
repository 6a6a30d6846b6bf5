package dev.loupe.core.image;

import dev.loupe.api.PixelImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The images folder of a project: the one gate through which an image named by the labels or the
 * store is opened. A path is refused ({@link RefusedImageFile}) when it is absolute or leaves the
 * folder with {@code ..}, when its real path (symbolic links resolved) lies outside the folder's
 * real path, or when it is not a regular file (a FIFO would block for ever, {@code /dev/zero}
 * never ends). Checks are made when the file is opened, not when the path is stored.
 */
public final class ImageFolder {
    private final Path root;

    public ImageFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder, absolute and normalised. */
    public Path root() {
        return root;
    }

    /** The file of a '/'-separated relative path, by name only (no file-system access), or null when it leaves the folder. */
    public Path resolve(String relativePath) {
        Path file;
        try {
            if (Path.of(relativePath).isAbsolute()) {
                return null;
            }
            file = root.resolve(relativePath).normalize();
        } catch (InvalidPathException e) {
            return null; // a NUL in the name
        }
        return file.startsWith(root) ? file : null;
    }

    /**
     * The real path of an image file, checked as the class comment says.
     *
     * @throws NoSuchFileException when nothing exists at the path
     * @throws RefusedImageFile    when the path or what it leads to is refused
     */
    public Path locate(String relativePath) throws IOException {
        Path file = resolve(relativePath);
        if (file == null) {
            throw new RefusedImageFile(problem(relativePath));
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(file.toString(), null, "image file " + relativePath + " not found under " + root);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "image file " + relativePath
                    + " is a symbolic link to a file that does not exist");
        }
        if (!real.startsWith(root.toRealPath())) {
            throw new RefusedImageFile("image file " + relativePath + " is a link to " + real
                    + ", outside the images folder " + root + "; only files inside it are opened");
        }
        if (!Files.isRegularFile(real)) {
            throw new RefusedImageFile("image file " + relativePath + " is not a regular file ("
                    + (Files.isDirectory(real) ? "a folder" : "a FIFO, socket or device") + "); it is not opened");
        }
        return real;
    }

    /**
     * Decodes an image of the folder after {@link #locate} has accepted it, refusing (from the
     * header, before any pixel is allocated) one with more than {@code maxPixels} pixels.
     */
    public PixelImage decode(String relativePath, long maxPixels) throws IOException {
        Path file = locate(relativePath);
        long size = Files.size(file);
        if (size > ImageDecoder.MAX_FILE_BYTES) {
            throw new RefusedImageFile(relativePath + ": the file has " + size + " bytes, more than the "
                    + ImageDecoder.MAX_FILE_BYTES + " an image file may have");
        }
        return ImageDecoder.decode(Files.readAllBytes(file), relativePath, maxPixels);
    }

    /** Why a path that {@link #resolve} refuses by name is refused, in the user's words. */
    public String problem(String relativePath) {
        if (relativePath.indexOf('\0') >= 0) {
            return "image path '" + printable(relativePath) + "' contains a NUL character; expected a file name";
        }
        return "image path '" + printable(relativePath) + "' leaves the images folder " + root
                + "; expected a relative path inside it";
    }

    /** A path with control characters (NUL, escapes, newlines) shown as \\uXXXX, for messages. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }
}
