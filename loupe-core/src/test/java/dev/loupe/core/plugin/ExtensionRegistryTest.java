package dev.loupe.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionRegistryTest {
    /** A service interface of the test: an id and nothing else. */
    public interface Named {
        String id();
    }

    public static final class Alpha implements Named {
        @Override
        public String id() {
            return "alpha";
        }
    }

    public static final class Beta implements Named {
        @Override
        public String id() {
            return "beta";
        }
    }

    public static final class OtherAlpha implements Named {
        @Override
        public String id() {
            return "alpha";
        }
    }

    @Test
    void findsWhatTheServiceFileListsInItsOrder(@TempDir Path dir) throws IOException {
        ClassLoader loader = services(dir, Beta.class, Alpha.class);
        ExtensionRegistry<Named> r = ExtensionRegistry.load(Named.class, loader, "thing", Named::id);
        assertThat(r.ids()).containsExactly("beta", "alpha");
        assertThat(r.get("beta")).isInstanceOf(Beta.class);
        assertThat(r.find("gamma")).isEmpty();
    }

    @Test
    void anUnknownIdListsTheKnownOnes() {
        ExtensionRegistry<Named> r = ExtensionRegistry.of("dataset format", Named::id, List.of(new Beta(), new Alpha()));
        assertThatThrownBy(() -> r.get("gamma")).isInstanceOf(LoupeException.class)
                .hasMessage("unknown dataset format 'gamma'; available: beta, alpha")
                .extracting(e -> ((LoupeException) e).reason()).isEqualTo(LoupeException.Reason.BAD_INPUT);
    }

    @Test
    void twoClassesWithOneIdNameBothClassesAndWhereTheyCameFrom(@TempDir Path dir) throws IOException {
        ClassLoader loader = services(dir, Alpha.class, OtherAlpha.class);
        assertThatThrownBy(() -> ExtensionRegistry.load(Named.class, loader, "embedding model", Named::id))
                .isInstanceOf(LoupeException.class)
                .hasMessageStartingWith("embedding model id 'alpha' is declared twice: by " + Alpha.class.getName() + " (")
                .hasMessageContaining(") and by " + OtherAlpha.class.getName() + " (")
                .hasMessageContaining("test-classes");
    }

    @Test
    void aBlankIdIsRefused() {
        Named blank = () -> " ";
        assertThatThrownBy(() -> ExtensionRegistry.of("thing", Named::id, List.of(blank))).isInstanceOf(LoupeException.class)
                .hasMessageContaining("has no id");
    }

    @Test
    void withoutAPluginsFolderTheParentLoaderIsUsed(@TempDir Path dir) {
        ClassLoader parent = getClass().getClassLoader();
        assertThat(PluginJars.classLoader(null, parent)).isSameAs(parent);
        assertThat(PluginJars.classLoader(dir.resolve("missing"), parent)).isSameAs(parent);
        assertThat(PluginJars.classLoader(dir, parent)).isNotSameAs(parent).isInstanceOf(URLClassLoader.class);
    }

    /** A class loader whose only service file lists the given classes (the classes themselves come from the parent). */
    private static ClassLoader services(Path dir, Class<?>... classes) throws IOException {
        Path file = dir.resolve("META-INF/services/" + Named.class.getName());
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder();
        for (Class<?> c : classes) {
            text.append(c.getName()).append('\n');
        }
        Files.writeString(file, text);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                return ExtensionRegistryTest.class.getClassLoader().loadClass(name);
            }
        };
    }
}
