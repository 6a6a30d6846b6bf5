package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.geometry.Box;
import dev.loupe.eval.labels.ObjectLab;
import dev.loupe.eval.labels.ObjectLabImage;
import dev.loupe.eval.labels.ObjectLabParams;
import dev.loupe.eval.labels.ObjectLabResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final Map<Long, List<ObjectLabImage.PredictedBox>> detections;
    private final List<Integer> classIds;
    private final ObjectNode clean;
    private final Path work;

    DetectionNoise(Path images, Path labels, Path detectionsFile, Path work) throws IOException {
        this.images = images;
        this.work = work;
        ObjectMapper json = new ObjectMapper();
        JsonNode gt = json.readTree(labels.toFile());
        this.clean = (ObjectNode) gt;
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

    /** Runs one seeded repeat; adds each (level, type, score)'s figures to the table. */
    void repeat(double fraction, long seed, int k, NoiseTable table) throws IOException {
        NoiseInjection.Noisy noisy = NoiseInjection.inject(clean, classIds, fraction, seed);
        NoisyProject project = NoisyProject.build(images, noisy.coco(), classIds, work.resolve("repeat-" + seed), seed);
        Map<Long, Double> quality = project.quality();
        Map<Long, Double> cv = project.cvSelfConfidence();
        List<Long> imageIds = new ArrayList<>();
        Map<Long, List<JsonNode>> byImage = new LinkedHashMap<>();
        noisy.coco().get("images").forEach(i -> {
            imageIds.add(i.get("id").asLong());
            byImage.put(i.get("id").asLong(), new ArrayList<>());
        });
        noisy.coco().get("annotations").forEach(a -> byImage.get(a.get("image_id").asLong()).add(a));
        List<ObjectLabImage> input = new ArrayList<>();
        for (long id : imageIds) {
            input.add(new ObjectLabImage(byImage.get(id).stream().map(a -> new ObjectLabImage.LabeledBox(NoiseInjection.box(a),
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
        noisy.boxes().values().forEach(anyBox::addAll);
        String[] boxScoreNames = {"objectlab swapped", "objectlab badly located", "objectlab box (min of both)",
            "objectlab image score (pooled)", "annotation.quality", "loupe cv self_confidence",
            "objectlab on loupe-cv swapped"};
        for (String type : noisy.boxes().keySet()) {
            Set<Long> pos = noisy.boxes().get(type);
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
        noisy.imagesByType().values().forEach(anyImage::addAll);
        String[] imageScoreNames = {"objectlab image score (pooled)", "objectlab swapped (pooled)",
            "objectlab badly located (pooled)", "objectlab overlooked (pooled)", "annotation.quality (image min)",
            "loupe cv self_confidence (min)", "objectlab on loupe-cv image score"};
        for (String type : TYPES) {
            Set<Long> pos = noisy.imagesByType().get(type);
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
}
