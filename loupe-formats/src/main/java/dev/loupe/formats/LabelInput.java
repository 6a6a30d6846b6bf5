package dev.loupe.formats;

import java.util.Objects;

/**
 * What a {@link DatasetFormat} reads besides the images folder, so that {@code loupe init} checks the path before
 * anything is written and names it in the user's words.
 *
 * @param kind a file, a folder or nothing
 * @param noun what it is called in messages ("COCO file", "VOC folder"); empty for {@link Kind#NONE}
 */
public record LabelInput(Kind kind, String noun) {
    /** The kinds of label source. */
    public enum Kind {
        FILE, FOLDER, NONE
    }

    public LabelInput {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(noun, "noun");
    }

    public static LabelInput file(String noun) {
        return new LabelInput(Kind.FILE, noun);
    }

    public static LabelInput folder(String noun) {
        return new LabelInput(Kind.FOLDER, noun);
    }

    /** The labels come from the images folder itself (class folders). */
    public static LabelInput none() {
        return new LabelInput(Kind.NONE, "");
    }
}
