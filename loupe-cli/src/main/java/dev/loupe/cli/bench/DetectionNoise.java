package dev.loupe.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.api.Scope;
import dev.loupe.cli.Loupe;
import dev.loupe.core.geometry.Box;
import dev.loupe.eval.labels.ObjectLab;
import dev.loupe.eval.labels.ObjectLabImage;
import dev.loupe.eval.labels.ObjectLabParams;
import dev.loupe.eval.labels.ObjectLabResult;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Injects seeded label errors into a COCO detection dataset (one error on each chosen image, the
 * four kinds dealt in turn: a box's class swapped, a box dropped, a box shifted, a spurious box
 * added), then scores the noisy labels with ObjectLab on a fixed set of detections and with
 * {@code annotation.quality} (a project built from the noisy labels and embedded with the
 * model-free embedding), and measures how well each score ranks the injected errors.
 */
final class DetectionNoise {
    static final List<String> TYPES = List.of("class_swap", "dropped", "shifted", "spurious");

    private final Path images;
    private final Path labels;
    private final Map<Long, List<ObjectLabImage.PredictedBox>> detections;
    private final List<Integer> classIds;
    private final Path work;
    private final ObjectMapper json = new ObjectMapper();

    DetectionNoise(Path images, Path labels, Path detectionsFile, Path work) throws IOException {
        this.images = images;
        this.labels = labels;
        this.work = work;
        JsonNode gt = json.readTree(labels.toFile());
        List<Integer> ids = new ArrayList<>();
        gt.get("categories").forEach(c -> ids.add(c.get("id").asInt()));
        ids.sort(null);
        this.classIds = ids;
        this.detections = new HashMap<>();
        for (JsonNode d : json.readTree(detectionsFile.toFile())) {
            JsonNode b = d.get("bbox");
            detections.computeIfAbsent(d.get("image_id").asLong(), k -> new ArrayList<>()).add(new ObjectLabImage.PredictedBox(
                    new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()),
                    classIds.indexOf(d.get("category_id").asInt()), d.get("score").asDouble()));
        }
    }

    /** One noisy copy of the labels and what was done to it. */
    private record Noisy(ObjectNode coco, Map<String, Set<Long>> boxes, Map<String, Set<Long>> imagesByType) {
    }

    /** Runs one seeded repeat; adds each (level, type, score)'s figures to the table. */
    void repeat(double fraction, long seed, int k, NoiseTable table) throws IOException {
        Noisy noisy = inject(fraction, seed);
        ProjectScores project = projectScores(noisy.coco, seed);
        Map<Long, Double> quality = project.quality();
        Map<Long, Double> cv = project.cvSelfConfidence();
        List<Long> imageIds = new ArrayList<>();
        Map<Long, List<JsonNode>> byImage = new LinkedHashMap<>();
        noisy.coco.get("images").forEach(i -> {
            imageIds.add(i.get("id").asLong());
            byImage.put(i.get("id").asLong(), new ArrayList<>());
        });
        noisy.coco.get("annotations").forEach(a -> byImage.get(a.get("image_id").asLong()).add(a));
        List<ObjectLabImage> input = new ArrayList<>();
        for (long id : imageIds) {
            input.add(new ObjectLabImage(byImage.get(id).stream().map(a -> new ObjectLabImage.LabeledBox(box(a),
                    classIds.indexOf(a.get("category_id").asInt()))).toList(), detections.getOrDefault(id, List.of())));
        }
        ObjectLabResult result = ObjectLab.score(input, ObjectLabParams.DEFAULTS);
        // ObjectLab again on the set 'loupe cv' stores (what 'loupe issues --set loupe-cv' runs).
        List<ObjectLabImage> onCv = new ArrayList<>();
        for (int i = 0; i < imageIds.size(); i++) {
            onCv.add(new ObjectLabImage(input.get(i).labels(), project.cvPredictions().getOrDefault(imageIds.get(i),
                    List.of())));
        }
        ObjectLabResult cvResult = ObjectLab.score(onCv, ObjectLabParams.DEFAULTS);

        // Box level: every labelled box; the errors of one kind against the untouched boxes.
        List<Long> boxIds = new ArrayList<>();
        List<double[]> boxScores = new ArrayList<>();
        for (int i = 0; i < imageIds.size(); i++) {
            ObjectLabResult.ImageScores s = result.images().get(i);
            ObjectLabResult.ImageScores c = cvResult.images().get(i);
            List<JsonNode> anns = byImage.get(imageIds.get(i));
            for (int b = 0; b < anns.size(); b++) {
                long id = anns.get(b).get("id").asLong();
                boxIds.add(id);
                boxScores.add(new double[] {s.swapped()[b], s.badlyLocated()[b], Math.min(s.swapped()[b],
                        s.badlyLocated()[b]), s.score(), quality.getOrDefault(id, Double.NaN),
                    cv.getOrDefault(id, Double.NaN), c.swapped()[b]});
            }
        }
        Set<Long> anyBox = new HashSet<>();
        noisy.boxes.values().forEach(anyBox::addAll);
        String[] boxScoreNames = {"objectlab swapped", "objectlab badly located", "objectlab box (min of both)",
            "objectlab image score (pooled)", "annotation.quality", "loupe cv self_confidence",
            "objectlab on loupe-cv swapped"};
        for (String type : noisy.boxes.keySet()) {
            Set<Long> pos = noisy.boxes.get(type);
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < boxIds.size(); i++) {
                if (pos.contains(boxIds.get(i)) || !anyBox.contains(boxIds.get(i))) {
                    keep.add(i);
                }
            }
            boolean[] positive = new boolean[keep.size()];
            for (int i = 0; i < keep.size(); i++) {
                positive[i] = pos.contains(boxIds.get(keep.get(i)));
            }
            for (int s = 0; s < boxScoreNames.length; s++) {
                double[] v = new double[keep.size()];
                for (int i = 0; i < keep.size(); i++) {
                    v[i] = boxScores.get(keep.get(i))[s];
                }
                table.add("box", type, boxScoreNames[s], positive, RankingScores.of(v, positive, k, seed));
            }
            table.add("box", type, "random (expected)", positive, RankingScores.random(positive, k));
        }

        // Image level: the images with an error of one kind against the untouched images.
        Set<Long> anyImage = new HashSet<>();
        noisy.imagesByType.values().forEach(anyImage::addAll);
        String[] imageScoreNames = {"objectlab image score (pooled)", "objectlab swapped (pooled)",
            "objectlab badly located (pooled)", "objectlab overlooked (pooled)", "annotation.quality (image min)",
            "loupe cv self_confidence (min)", "objectlab on loupe-cv image score"};
        for (String type : TYPES) {
            Set<Long> pos = noisy.imagesByType.get(type);
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < imageIds.size(); i++) {
                if (pos.contains(imageIds.get(i)) || !anyImage.contains(imageIds.get(i))) {
                    keep.add(i);
                }
            }
            boolean[] positive = new boolean[keep.size()];
            double[][] v = new double[imageScoreNames.length][keep.size()];
            for (int i = 0; i < keep.size(); i++) {
                int img = keep.get(i);
                positive[i] = pos.contains(imageIds.get(img));
                ObjectLabResult.ImageScores s = result.images().get(img);
                v[0][i] = s.score();
                v[1][i] = s.swappedPooled();
                v[2][i] = s.badlyLocatedPooled();
                v[3][i] = s.overlookedPooled();
                v[4][i] = imageMin(byImage.get(imageIds.get(img)), quality);
                v[5][i] = imageMin(byImage.get(imageIds.get(img)), cv);
                v[6][i] = cvResult.images().get(img).score();
            }
            for (int s = 0; s < imageScoreNames.length; s++) {
                table.add("image", type, imageScoreNames[s], positive, RankingScores.of(v[s], positive, k, seed));
            }
            table.add("image", type, "random (expected)", positive, RankingScores.random(positive, k));
        }
    }

    private static double imageMin(List<JsonNode> annotations, Map<Long, Double> scores) {
        return annotations.stream().mapToDouble(a -> scores.getOrDefault(a.get("id").asLong(), Double.NaN))
                .filter(q -> !Double.isNaN(q)).min().orElse(Double.NaN);
    }

    /** A noisy copy: the chosen images (a fraction, seeded) each get one error, the kinds dealt in turn. */
    private Noisy inject(double fraction, long seed) throws IOException {
        ObjectNode coco = (ObjectNode) json.readTree(labels.toFile());
        SplittableRandom rnd = new SplittableRandom(seed);
        List<JsonNode> imgs = new ArrayList<>();
        coco.get("images").forEach(imgs::add);
        ArrayNode annotations = (ArrayNode) coco.get("annotations");
        long nextId = 0;
        for (JsonNode a : annotations) {
            nextId = Math.max(nextId, a.get("id").asLong());
        }
        List<JsonNode> shuffled = new ArrayList<>(imgs);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            JsonNode t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int noisyImages = Math.max(1, (int) Math.round(fraction * imgs.size()));
        Map<String, Set<Long>> boxes = new LinkedHashMap<>();
        Map<String, Set<Long>> byType = new LinkedHashMap<>();
        for (String t : TYPES) {
            byType.put(t, new HashSet<>());
            if (!t.equals("dropped")) {
                boxes.put(t, new HashSet<>());
            }
        }
        for (int n = 0; n < noisyImages; n++) {
            JsonNode image = shuffled.get(n);
            long imageId = image.get("id").asLong();
            double width = image.get("width").asDouble();
            double height = image.get("height").asDouble();
            List<Integer> own = new ArrayList<>();
            for (int i = 0; i < annotations.size(); i++) {
                if (annotations.get(i).get("image_id").asLong() == imageId) {
                    own.add(i);
                }
            }
            String type = TYPES.get(n % TYPES.size());
            if (own.isEmpty()) {
                type = "spurious";
            }
            byType.get(type).add(imageId);
            if (type.equals("spurious")) {
                double w = width * (0.1 + 0.2 * rnd.nextDouble());
                double h = height * (0.1 + 0.2 * rnd.nextDouble());
                ObjectNode a = annotations.addObject();
                a.put("id", ++nextId);
                a.put("image_id", imageId);
                a.put("category_id", classIds.get(rnd.nextInt(classIds.size())));
                a.putArray("bbox").add(rnd.nextDouble() * (width - w)).add(rnd.nextDouble() * (height - h)).add(w).add(h);
                a.put("area", w * h);
                a.put("iscrowd", 0);
                boxes.get(type).add(nextId);
                continue;
            }
            int index = own.get(rnd.nextInt(own.size()));
            ObjectNode a = (ObjectNode) annotations.get(index);
            switch (type) {
                case "dropped" -> annotations.remove(index);
                case "class_swap" -> {
                    int current = classIds.indexOf(a.get("category_id").asInt());
                    int other = (current + 1 + rnd.nextInt(classIds.size() - 1)) % classIds.size();
                    a.put("category_id", classIds.get(other));
                    boxes.get(type).add(a.get("id").asLong());
                }
                default -> {
                    Box b = box(a);
                    Box moved = shifted(b, width, height, rnd);
                    ((ArrayNode) a.get("bbox")).removeAll().add(moved.x()).add(moved.y()).add(moved.w()).add(moved.h());
                    a.put("area", moved.w() * moved.h());
                    boxes.get(type).add(a.get("id").asLong());
                }
            }
        }
        return new Noisy(coco, boxes, byType);
    }

    /** Moved by 30-60% of its size on each axis (kept in the image); shrunk to 60% where that moves it too little. */
    private static Box shifted(Box b, double width, double height, SplittableRandom rnd) {
        double dx = (rnd.nextBoolean() ? 1 : -1) * (0.3 + 0.3 * rnd.nextDouble()) * b.w();
        double dy = (rnd.nextBoolean() ? 1 : -1) * (0.3 + 0.3 * rnd.nextDouble()) * b.h();
        double x = Math.max(0, Math.min(width - b.w(), b.x() + dx));
        double y = Math.max(0, Math.min(height - b.h(), b.y() + dy));
        Box moved = new Box(x, y, b.w(), b.h());
        if (iou(b, moved) > 0.6) {
            moved = new Box(b.x(), b.y(), 0.6 * b.w(), 0.6 * b.h());
        }
        return moved;
    }

    private static double iou(Box a, Box b) {
        double w = Math.min(a.x() + a.w(), b.x() + b.w()) - Math.max(a.x(), b.x());
        double h = Math.min(a.y() + a.h(), b.y() + b.h()) - Math.max(a.y(), b.y());
        double inter = Math.max(0, w) * Math.max(0, h);
        return inter / (a.w() * a.h() + b.w() * b.h() - inter);
    }

    private static Box box(JsonNode a) {
        JsonNode b = a.get("bbox");
        return new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
    }

    /** Per noisy box (by COCO id): annotation.quality, and p(given class) from Loupe's own crop classifier. */
    private record ProjectScores(Map<Long, Double> quality, Map<Long, Double> cvSelfConfidence,
                                 Map<Long, List<ObjectLabImage.PredictedBox>> cvPredictions) {
    }

    /**
     * The scores that need a project: one of the noisy labels, embedded with the model-free
     * embedding (annotation.quality), and 'loupe cv' on its crops (a box's stored probability of its
     * given class; 0 where it was below the stored minimum).
     */
    private ProjectScores projectScores(ObjectNode coco, long seed) throws IOException {
        Path dir = work.resolve("repeat-" + seed);
        Files.createDirectories(dir);
        Path file = dir.resolve("noisy.json");
        json.writeValue(file.toFile(), coco);
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
            store.forEachAnnotation(a -> {
                cocoId.put(a.id(), Long.parseLong(a.sourceId()));
                given.put(a.id(), a.categoryId());
            });
            store.analysis().forEachItem(Scope.ANNOTATION, List.of("annotation.quality"), (item, values) -> {
                if (values[0] instanceof Double q) {
                    quality.put(cocoId.get(item.id()), q);
                }
            });
            Set<Long> classified = new HashSet<>();
            store.forEachPrediction(store.predictionSet("loupe-cv").id(), p -> {
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
        return new ProjectScores(quality, cv, cvPredictions);
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
