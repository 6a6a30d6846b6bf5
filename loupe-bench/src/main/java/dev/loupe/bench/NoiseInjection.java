package dev.loupe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.Shuffle;
import dev.loupe.core.geometry.Box;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded label errors in a COCO file: on a share of the images (shuffled with the seed) one error
 * each, the kinds of {@link DetectionNoise#TYPES} dealt in turn.
 */
final class NoiseInjection {
    private NoiseInjection() {
    }

    /**
     * One noisy copy of the labels and what was done to it.
     *
     * @param coco         the noisy COCO file
     * @param boxes        per kind with a box (all but dropped): the COCO ids of the boxes made wrong
     * @param imagesByType per kind: the COCO ids of the images that got that error
     */
    record Noisy(ObjectNode coco, Map<String, Set<Long>> boxes, Map<String, Set<Long>> imagesByType) {
    }

    /** A noisy copy of {@code clean} (left as it is): the chosen images each get one error. */
    static Noisy inject(ObjectNode clean, List<Integer> classIds, double fraction, long seed) {
        ObjectNode coco = clean.deepCopy();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<JsonNode> imgs = new ArrayList<>();
        coco.get("images").forEach(imgs::add);
        ArrayNode annotations = (ArrayNode) coco.get("annotations");
        long nextId = 0;
        for (JsonNode a : annotations) {
            nextId = Math.max(nextId, a.get("id").asLong());
        }
        List<JsonNode> shuffled = new ArrayList<>(imgs);
        Shuffle.inPlace(shuffled, rnd);
        int noisyImages = Math.max(1, (int) Math.round(fraction * imgs.size()));
        Map<String, Set<Long>> boxes = new LinkedHashMap<>();
        Map<String, Set<Long>> byType = new LinkedHashMap<>();
        for (String t : DetectionNoise.TYPES) {
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
            String type = DetectionNoise.TYPES.get(n % DetectionNoise.TYPES.size());
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

    static Box box(JsonNode a) {
        JsonNode b = a.get("bbox");
        return new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble());
    }
}
