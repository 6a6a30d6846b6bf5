package dev.loupe.core.plugin;

import dev.loupe.core.LoupeException;
import java.net.URL;
import java.security.CodeSource;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * One kind of extension by id: the built-ins and the plugin jars a class loader sees, found with
 * {@link ServiceLoader} under {@code META-INF/services/SERVICE}. Fails loudly by name, like Lucene's
 * NamedSPILoader: two classes claiming one id name both classes and their jars; an unknown id lists the
 * known ones. Immutable, in load order: the built-ins (in their service file's order), then the plugin jars in
 * name order.
 *
 * @param <T> the service interface (e.g. {@code DatasetFormat})
 */
public final class ExtensionRegistry<T> {
    private final String noun;
    private final Map<String, T> byId;

    private ExtensionRegistry(String noun, Map<String, T> byId) {
        this.noun = noun;
        this.byId = byId;
    }

    /**
     * Every implementation of {@code service} the loader sees.
     *
     * @param noun what one is called in messages ("dataset format", "embedding model")
     * @param id   its id, stable and unique
     */
    public static <T> ExtensionRegistry<T> load(Class<T> service, ClassLoader loader, String noun, Function<? super T, String> id) {
        Map<String, T> byId = new LinkedHashMap<>();
        try {
            for (T t : ServiceLoader.load(service, loader)) {
                add(byId, t, noun, id);
            }
        } catch (ServiceConfigurationError e) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, "cannot load a " + noun + " plugin: " + e.getMessage(), e);
        }
        return new ExtensionRegistry<>(noun, byId);
    }

    /** A registry of the given extensions (tests); duplicates fail as in {@link #load}. */
    public static <T> ExtensionRegistry<T> of(String noun, Function<? super T, String> id, Collection<? extends T> all) {
        Map<String, T> byId = new LinkedHashMap<>();
        all.forEach(t -> add(byId, t, noun, id));
        return new ExtensionRegistry<>(noun, byId);
    }

    /**
     * Adds one extension by id; a second class with the same id fails naming both classes and jars.
     * Shared with the metric registry, which keeps its own order.
     */
    public static <T> void add(Map<String, T> byId, T t, String noun, Function<? super T, String> id) {
        String key = id.apply(t);
        if (key == null || key.isBlank()) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, noun + " " + t.getClass().getName() + " (" + origin(t)
                    + ") has no id");
        }
        T previous = byId.putIfAbsent(key, t);
        if (previous != null) {
            throw new LoupeException(LoupeException.Reason.BAD_INPUT, noun + " id '" + key + "' is declared twice: by "
                    + previous.getClass().getName() + " (" + origin(previous) + ") and by " + t.getClass().getName()
                    + " (" + origin(t) + ")");
        }
    }

    /** The jar or classes folder a class was loaded from, for messages. */
    public static String origin(Object o) {
        CodeSource cs = o.getClass().getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        return url == null ? "unknown jar" : url.toString();
    }

    /** Every extension, in load order. */
    public List<T> all() {
        return List.copyOf(byId.values());
    }

    /** The ids, in load order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The extension with this id; an unknown id fails with {@link #unknown}'s message (bad input). */
    public T get(String id) {
        return find(id).orElseThrow(() -> LoupeException.badInput(unknown(id)));
    }

    /** "unknown dataset format 'x'; available: coco, folders, ..." */
    public String unknown(String id) {
        return "unknown " + noun + " '" + id + "'; available: " + String.join(", ", byId.keySet());
    }
}
