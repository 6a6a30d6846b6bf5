package dev.loupe.core.image;

import java.io.IOException;

/**
 * An image file that Loupe will not open: its path (or a symbolic link on the way) leads outside
 * the images folder, it is not a regular file (a FIFO, a device such as {@code /dev/zero}, a
 * folder), or its header declares more pixels than the limit. The message names the image path
 * and the rule; nothing of the file's content was read beyond its header.
 */
public final class RefusedImageFile extends IOException {
    private static final long serialVersionUID = 1L;

    public RefusedImageFile(String message) {
        super(message);
    }
}
