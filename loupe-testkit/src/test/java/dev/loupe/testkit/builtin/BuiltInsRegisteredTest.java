package dev.loupe.testkit.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.plugin.ExtensionRegistry;
import dev.loupe.embed.model.EmbeddingModelFactory;
import dev.loupe.embed.model.EmbeddingModels;
import dev.loupe.formats.DatasetFormat;
import dev.loupe.formats.DatasetFormats;
import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionFormats;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every concrete public class of loupe-formats and loupe-embed that implements an extension point is found by its
 * registry (a class left out of the service file would never be offered), and every registered built-in runs the
 * contract here (a built-in without a contract test escapes it).
 */
class BuiltInsRegisteredTest {
    private static final ClassLoader LOADER = BuiltInsRegisteredTest.class.getClassLoader();

    @Test
    void everyDatasetFormatIsRegisteredAndRunsTheContract() throws Exception {
        ExtensionRegistry<DatasetFormat> registry = DatasetFormats.load(LOADER);
        assertThat(unregistered(DatasetFormat.class, registry, "dev/loupe/formats")).as("dataset formats that "
                + "META-INF/services/" + DatasetFormat.class.getName() + " does not list").isEmpty();
        assertThat(registry.ids()).containsExactly("coco", "voc", "yolo", "folders", "masks", "boxes-json", "list");
        assertThat(contractIds(BuiltInDatasetFormatsTest.class, "format", DatasetFormat::id))
                .containsExactlyInAnyOrderElementsOf(registry.ids());
    }

    @Test
    void everyPredictionFormatIsRegisteredAndRunsTheContract() throws Exception {
        ExtensionRegistry<PredictionFormat> registry = PredictionFormats.load(LOADER);
        assertThat(unregistered(PredictionFormat.class, registry, "dev/loupe/formats")).as("prediction formats that "
                + "META-INF/services/" + PredictionFormat.class.getName() + " does not list").isEmpty();
        assertThat(registry.ids()).containsExactly("coco", "yolo", "classification-csv");
        assertThat(contractIds(BuiltInPredictionFormatsTest.class, "format", PredictionFormat::id))
                .containsExactlyInAnyOrderElementsOf(registry.ids());
    }

    @Test
    void everyEmbeddingModelIsRegisteredAndRunsTheContract() throws Exception {
        ExtensionRegistry<EmbeddingModelFactory> registry = EmbeddingModels.registry(LOADER);
        assertThat(unregistered(EmbeddingModelFactory.class, registry, "dev/loupe/embed")).as("embedding models that "
                + "META-INF/services/" + EmbeddingModelFactory.class.getName() + " does not list").isEmpty();
        assertThat(registry.ids()).containsExactly("mobilenet", "mobilenet-pooled", "fallback", "onnx");
        assertThat(contractIds(BuiltInEmbeddingModelsTest.class, "factory", EmbeddingModelFactory::id))
                .containsExactlyInAnyOrderElementsOf(registry.ids());
    }

    /** The concrete public classes implementing {@code service} under {@code folder} of its module that the registry lacks. */
    private static <T> List<String> unregistered(Class<T> service, ExtensionRegistry<T> registry, String folder)
            throws IOException, URISyntaxException, ClassNotFoundException {
        Path module = Path.of(service.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> registered = registry.all().stream().map(t -> t.getClass().getName()).toList();
        List<String> missing = new ArrayList<>();
        int found = 0;
        for (String name : classNames(module, folder)) {
            Class<?> c = Class.forName(name, false, LOADER);
            if (service.isAssignableFrom(c) && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                    && Modifier.isPublic(c.getModifiers())) {
                found++;
                if (!registered.contains(name)) {
                    missing.add(name);
                }
            }
        }
        assertThat(found).as(service.getSimpleName() + " classes found in " + module).isGreaterThanOrEqualTo(registered.size());
        return missing;
    }

    /** The ids of the contract tests nested in {@code tests} (each made with its outer instance, as JUnit does). */
    private static <T> List<String> contractIds(Class<?> tests, String method, Function<T, String> id) throws Exception {
        Constructor<?> outerConstructor = tests.getDeclaredConstructor();
        outerConstructor.setAccessible(true);
        Object outer = outerConstructor.newInstance();
        List<String> ids = new ArrayList<>();
        for (Class<?> nested : tests.getDeclaredClasses()) {
            Method m;
            try {
                m = nested.getDeclaredMethod(method);
            } catch (NoSuchMethodException e) {
                continue;
            }
            Constructor<?> c = nested.getDeclaredConstructor(tests);
            c.setAccessible(true);
            m.setAccessible(true);
            @SuppressWarnings("unchecked")
            T extension = (T) m.invoke(c.newInstance(outer));
            ids.add(id.apply(extension));
        }
        return ids;
    }

    private static List<String> classNames(Path module, String folder) throws IOException {
        if (Files.isDirectory(module)) {
            return classNamesUnder(module, module.resolve(folder));
        }
        try (FileSystem jar = FileSystems.newFileSystem(module)) {
            Path root = jar.getPath("/");
            return classNamesUnder(root, root.resolve(folder));
        }
    }

    private static List<String> classNamesUnder(Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> root.relativize(p).toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
    }
}
