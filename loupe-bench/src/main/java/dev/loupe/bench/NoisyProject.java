package dev.loupe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.api.Scope;
import dev.loupe.cli.Loupe;
import dev.loupe.eval.labels.ObjectLabImage;
import dev.loupe.store.ProjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label-noise scores that need a project: the noisy labels imported, embedded with the
 * model-free embedding ({@code annotation.quality}), and {@code loupe cv} run on the crops.
 *
 * @param quality          annotation.quality per box, by COCO id
 * @param cvSelfConfidence the stored out-of-fold probability of each box's given class, by COCO id
 *                         (0 where it was below the stored minimum)
 * @param cvPredictions    the loupe-cv set's predictions per COCO image id, for ObjectLab
 */
record NoisyProject(Map<Long, Double> quality, Map<Long, Double> cvSelfConfidence,
                    Map<Long, List<ObjectLabImage.PredictedBox>> cvPredictions) {

    static NoisyProject build(Path images, ObjectNode coco, List<Integer> classIds, Path dir, long seed)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("noisy.json");
        new ObjectMapper().writeValue(file.toFile(), coco);
        Path project = dir.resolve("project");
        run("init", project.toString(), "--images", images.toString(), "--coco", file.toString());
        run("embed", project.toString(), "--model", "fallback", "--threads",
                Integer.toString(Runtime.getRuntime().availableProcessors()));
        run("cv", project.toString(), "--seed", Long.toString(seed));
        Map<Long, Long> cocoId = new HashMap<>();
        Map<Long, Long> cocoImage = new HashMap<>();
        coco.get("annotations").forEach(a -> cocoImage.put(a.get("id").asLong(), a.get("image_id").asLong()));
        Map<Long, List<ObjectLabImage.PredictedBox>> cvPredictions = new HashMap<>();
        Map<Long, Integer> given = new HashMap<>();
        Map<Long, Double> quality = new HashMap<>();
        Map<Long, Double> cv = new HashMap<>();
        try (ProjectStore store = ProjectStore.open(project)) {
            store.labels().forEachAnnotation(a -> {
                cocoId.put(a.id(), Long.parseLong(a.sourceId()));
                given.put(a.id(), a.categoryId());
            });
            store.metrics().analysis().forEachItem(Scope.ANNOTATION, List.of("annotation.quality"), (item, values) -> {
                if (values[0] instanceof Double q) {
                    quality.put(cocoId.get(item.id()), q);
                }
            });
            Set<Long> classified = new HashSet<>();
            store.predictions().forEach(store.predictions().set("loupe-cv").id(), p -> {
                long annotation = Long.parseLong(p.sourceId().substring("annotation ".length()));
                classified.add(annotation);
                cvPredictions.computeIfAbsent(cocoImage.get(cocoId.get(annotation)), i -> new ArrayList<>()).add(
                        new ObjectLabImage.PredictedBox(p.geometry().box(), classIds.indexOf(p.categoryId()), p.score()));
                if (given.get(annotation).equals(p.categoryId())) {
                    cv.put(cocoId.get(annotation), p.score());
                }
            });
            classified.forEach(a -> cv.putIfAbsent(cocoId.get(a), 0.0));
        }
        return new NoisyProject(quality, cv, cvPredictions);
    }

    private static void run(String... args) {
        StringWriter text = new StringWriter();
        var cl = Loupe.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int rc = cl.execute(args);
        if (rc != 0) {
            throw new UncheckedIOException(new IOException("loupe " + String.join(" ", args) + " failed (exit " + rc
                    + "): " + text));
        }
    }
}
