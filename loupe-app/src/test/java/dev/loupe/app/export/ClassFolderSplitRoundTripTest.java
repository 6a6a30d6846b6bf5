package dev.loupe.app.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.Scope;
import dev.loupe.core.metrics.rules.IssueRules;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.formats.folders.ClassFolderImporter;
import dev.loupe.store.ImportSource;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class-folder project exported with splits writes {@code images/SPLIT/<class>/<image>}; read back
 * with the class-folder importer it has the same classes and the splits the export dealt, and a
 * project read from split folders exports and reads back with the same paths, splits and classes.
 */
class ClassFolderSplitRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void anExportWithSplitsImportsBackWithTheSameSplitsAndClasses() throws IOException {
        Datasets.Dataset source = Datasets.all().stream().filter(d -> d.name().equals("encord-classification")).findFirst().orElseThrow();
        Path project = source.createProject(dir);
        Map<String, String> classOf;
        Path out = dir.resolve("out");
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("train", 0.5);
        shares.put("val", 0.25);
        shares.put("test", 0.25);
        try (ProjectStore store = ProjectStore.open(project)) {
            classOf = classes(store.labels().images(), store.labels().categories(), annotations(store));
            new Exporter(store, IssueRules.defaults()).run(new ExportRequest(ExportFormat.YOLO, ItemFilter.all(Scope.IMAGE), null,
                    ImageMode.COPY, new SplitPlan(shares, 7, false), out, false));
        }
        // The splits the export dealt, from its own YOLO split lists (labels/SPLIT.txt: images/SPLIT/<path>).
        Map<String, String> dealt = new TreeMap<>();
        for (String split : shares.keySet()) {
            for (String line : Files.readAllLines(out.resolve("labels/" + split + ".txt"))) {
                dealt.put(line.substring(("images/" + split + "/").length()), split);
            }
        }
        assertThat(dealt).hasSize(classOf.size());
        assertThat(new ArrayList<>(dealt.values()).stream().distinct().sorted()).containsExactly("test", "train", "val");

        ClassFolderImporter importer = new ClassFolderImporter(out.resolve("images"));
        Datasets.Collected back = Datasets.Collected.read(importer);

        Map<String, String> expected = new TreeMap<>();
        dealt.forEach((path, split) -> expected.put(split + "/" + path, split + " " + classOf.get(path)));
        Map<String, String> actual = new TreeMap<>();
        Map<String, String> backClass = classes(back.images, back.categories, back.annotations);
        back.images.forEach(i -> actual.put(i.path(), i.split() + " " + backClass.get(i.path())));
        assertThat(actual).isEqualTo(expected);
        assertThat(back.categories).extracting(Category::name).containsExactly("cat", "dog", "horse");
        assertThat(back.issues).isEmpty();
        assertThat(importer.layout()).isEqualTo("3 splits (train, val, test), 3 classes");

        // The split-folder project exports (keeping each image's split and path) and reads back the same.
        Path splitProject = dir.resolve("split-project");
        ProjectStore.create(splitProject, new ImportSource("folders", out.resolve("images"), null, Map.of()),
                new ClassFolderImporter(out.resolve("images"))::read);
        Path again = dir.resolve("again");
        try (ProjectStore store = ProjectStore.open(splitProject)) {
            new Exporter(store, IssueRules.defaults()).run(new ExportRequest(ExportFormat.YOLO, ItemFilter.all(Scope.IMAGE), null,
                    ImageMode.COPY, null, again, false));
        }
        Datasets.Collected twice = Datasets.Collected.read(new ClassFolderImporter(again.resolve("images")));
        Map<String, String> twiceClass = classes(twice.images, twice.categories, twice.annotations);
        Map<String, String> actualTwice = new TreeMap<>();
        twice.images.forEach(i -> actualTwice.put(i.path(), i.split() + " " + twiceClass.get(i.path())));
        assertThat(actualTwice).isEqualTo(expected);
    }

    private static List<Annotation> annotations(ProjectStore store) {
        List<Annotation> all = new ArrayList<>();
        store.labels().forEachAnnotation(all::add);
        return all;
    }

    /** Image path to the class name of its one image label. */
    private static Map<String, String> classes(List<ImageRecord> images, List<Category> categories, List<Annotation> annotations) {
        Map<Long, String> paths = new HashMap<>();
        images.forEach(i -> paths.put(i.id(), i.path()));
        Map<Integer, String> names = new HashMap<>();
        categories.forEach(c -> names.put(c.id(), c.name()));
        Map<String, String> out = new TreeMap<>();
        for (Annotation a : annotations) {
            assertThat(out.put(paths.get(a.imageId()), names.get(a.categoryId()))).isNull();
        }
        return out;
    }
}
