package dev.loupe.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;

/** The checks every extension point shares: a usable id, listed in its service file, a public no-argument constructor. */
final class ServiceChecks {
    private ServiceChecks() {
    }

    /** Lower case letters, digits and '-', starting with a letter or digit: a command-line and storage name. */
    static <T> void id(T extension, Function<T, String> id, String description) {
        String name = extension.getClass().getName();
        assertThat(id.apply(extension)).as(name + ": id (lower case letters, digits, '-')").matches("[a-z0-9][a-z0-9-]*");
        assertThat(description).as(name + ": a description of what it reads or is").isNotBlank();
        assertThat(id.apply(extension)).as(name + ": id() is the same each time").isEqualTo(id.apply(extension));
    }

    /** The class is listed in a {@code META-INF/services/SERVICE} file its class loader sees. */
    static void listed(Object extension, Class<?> service) throws IOException {
        String name = extension.getClass().getName();
        ClassLoader loader = extension.getClass().getClassLoader();
        Enumeration<URL> files = loader.getResources("META-INF/services/" + service.getName());
        List<String> seen = new ArrayList<>();
        while (files.hasMoreElements()) {
            URL url = files.nextElement();
            try (InputStream in = url.openStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (text.lines().map(l -> l.replaceFirst("#.*", "").strip()).anyMatch(name::equals)) {
                    return;
                }
            }
            seen.add(url.toString());
        }
        fail(name + " is not listed in any META-INF/services/" + service.getName() + " its class loader sees "
                + seen + ": add its class name on a line of its own, or Loupe will never find it");
    }

    /** A public class with a public no-argument constructor whose new instance has the same id. */
    static <T> void constructor(T extension, Function<T, String> id) throws ReflectiveOperationException {
        Class<?> c = extension.getClass();
        assertThat(Modifier.isPublic(c.getModifiers())).as(c.getName() + " is public").isTrue();
        @SuppressWarnings("unchecked")
        T fresh = (T) c.getConstructor().newInstance();
        assertThat(id.apply(fresh)).as(c.getName() + ": a new instance has the same id").isEqualTo(id.apply(extension));
    }
}
