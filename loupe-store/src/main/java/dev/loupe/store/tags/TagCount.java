package dev.loupe.store.tags;

/** A tag name with how many images and annotations carry it. */
public record TagCount(String name, long images, long annotations) {
}
