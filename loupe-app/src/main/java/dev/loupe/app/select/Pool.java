package dev.loupe.app.select;

import dev.loupe.api.Scope;
import dev.loupe.core.LoupeException;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The images {@code loupe select} chooses from, and what they are in words.
 *
 * @param imageIds    the candidates, in id order
 * @param description e.g. "the 87 images without annotations"
 * @param labelled    the images with at least one annotation, in id order (the diversity strategy's existing centres)
 */
public record Pool(List<Long> imageIds, String description, List<Long> labelled) {
    public Pool {
        imageIds = List.copyOf(imageIds);
        labelled = List.copyOf(labelled);
    }

    /**
     * The images tagged {@code tag}; or, without a tag, the images with no annotation; or every
     * image when each one is labelled.
     */
    public static Pool of(ProjectStore store, String tag) {
        Set<Long> annotated = new HashSet<>();
        store.labels().forEachAnnotation(a -> annotated.add(a.imageId()));
        List<Long> all = store.labels().images().stream().map(ImageRecord::id).sorted().toList();
        List<Long> labelled = all.stream().filter(annotated::contains).toList();
        if (tag != null) {
            List<Long> tagged = new ArrayList<>();
            ItemFilter filter = new ItemFilter(Scope.IMAGE, List.of(), List.of(), List.of(tag), List.of(), List.of());
            store.exports().forEachSelected(filter, List.of(), i -> tagged.add(i.id()), a -> { });
            if (tagged.isEmpty()) {
                throw LoupeException.badInput("no image is tagged '" + tag + "' (the pool given with --pool); the tags are "
                        + store.tags().list().stream().map(t -> t.name()).toList());
            }
            tagged.sort(null);
            return new Pool(tagged, "the " + tagged.size() + " images tagged '" + tag + "'", labelled);
        }
        List<Long> unlabelled = all.stream().filter(id -> !annotated.contains(id)).toList();
        if (!unlabelled.isEmpty()) {
            return new Pool(unlabelled, "the " + unlabelled.size() + " images without annotations (of " + all.size() + ")",
                    labelled);
        }
        return new Pool(all, "all " + all.size() + " images (every image is labelled; give --pool TAG to choose among "
                + "some)", labelled);
    }
}
