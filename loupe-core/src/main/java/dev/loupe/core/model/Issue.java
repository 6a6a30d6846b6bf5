package dev.loupe.core.model;

import java.util.Objects;

/**
 * A problem found in the input, located so that a user can find and fix it.
 *
 * @param kind      what is wrong
 * @param itemType  "image", "annotation", "category" or "file" (the whole file)
 * @param itemId    the Loupe id of the item when it was kept, else null
 * @param file      the file, relative to the label source or images folder where possible
 * @param location  line number ("line 12"), JSON pointer ("/annotations/417/bbox") or XML element path, or null
 * @param message   what is wrong and what was expected, e.g. "width -3.0 must be > 0"
 */
public record Issue(IssueKind kind, String itemType, Long itemId, String file, String location, String message) {
    public Issue {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(itemType, "itemType");
        Objects.requireNonNull(message, "message");
    }

    /** One line for a terminal: {@code file location: message}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
        }
        if (location != null) {
            sb.append(sb.length() > 0 ? " " : "").append(location);
        }
        if (sb.length() > 0) {
            sb.append(": ");
        }
        return sb.append(message).toString();
    }
}
