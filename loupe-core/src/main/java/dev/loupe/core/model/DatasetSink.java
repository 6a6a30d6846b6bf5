package dev.loupe.core.model;

/**
 * Where an importer streams what it reads. Importers assign ids, emit every category before the
 * annotations that use it and every image before its annotations; the sink (the project store, or
 * a collector in tests) keeps nothing it does not need, so memory does not grow with the number of
 * annotations.
 */
public interface DatasetSink {
    void category(Category category);

    void image(ImageRecord image);

    void annotation(Annotation annotation);

    void issue(Issue issue);
}
