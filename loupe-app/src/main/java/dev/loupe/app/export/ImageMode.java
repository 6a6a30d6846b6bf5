package dev.loupe.app.export;

/** What an export does with the image files. */
public enum ImageMode {
    /** Copy each image under OUT/images. */
    COPY,
    /** A symbolic link under OUT/images to each image's real path. */
    LINK,
    /** Leave the images where they are: the labels name them relative to the project's images folder. */
    NONE
}
