package dev.loupe.bench;

import dev.loupe.testkit.SyntheticCoco;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.eval.Detection;
import dev.loupe.eval.GroundTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An in-memory evaluation set written as a user would bring it: an images folder (one real JPEG
 * hard-linked under every name), a COCO instances file and a COCO results file, so that the
 * commands can be timed on exactly the boxes the in-memory evaluation saw.
 *
 * @param images    the images folder
 * @param instances the ground truth (COCO instances JSON)
 * @param results   the detections (COCO results JSON)
 */
record EvalFiles(Path images, Path instances, Path results) {

    static EvalFiles write(Path dir, List<ImageRecord> images, List<Category> categories, List<GroundTruth> gts,
                           List<Detection> dts) throws IOException {
        Path imageDir = Files.createDirectories(dir.resolve("images"));
        Path master = SyntheticCoco.masterJpeg(dir);
        JsonFactory json = new JsonFactory();
        Path instances = dir.resolve("instances.json");
        try (JsonGenerator gen = json.createGenerator(instances.toFile(), JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("images");
            for (ImageRecord im : images) {
                Path link = imageDir.resolve(im.path());
                if (!Files.exists(link)) {
                    Files.createLink(link, master);
                }
                gen.writeStartObject();
                gen.writeNumberField("id", im.id());
                gen.writeStringField("file_name", im.path());
                gen.writeNumberField("width", im.width());
                gen.writeNumberField("height", im.height());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("annotations");
            for (GroundTruth t : gts) {
                gen.writeStartObject();
                gen.writeNumberField("id", t.id());
                gen.writeNumberField("image_id", t.imageId());
                gen.writeNumberField("category_id", t.categoryId());
                box(gen, t.box());
                gen.writeNumberField("area", t.area());
                gen.writeNumberField("iscrowd", t.crowd() ? 1 : 0);
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeArrayFieldStart("categories");
            for (Category c : categories) {
                gen.writeStartObject();
                gen.writeNumberField("id", c.id());
                gen.writeStringField("name", c.name());
                gen.writeEndObject();
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        Path results = dir.resolve("results.json");
        try (JsonGenerator gen = json.createGenerator(results.toFile(), JsonEncoding.UTF8)) {
            gen.writeStartArray();
            for (Detection d : dts) {
                gen.writeStartObject();
                gen.writeNumberField("image_id", d.imageId());
                gen.writeNumberField("category_id", d.categoryId());
                box(gen, d.box());
                gen.writeNumberField("score", d.score());
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        return new EvalFiles(imageDir, instances, results);
    }

    private static void box(JsonGenerator gen, Box b) throws IOException {
        gen.writeArrayFieldStart("bbox");
        gen.writeNumber(b.x());
        gen.writeNumber(b.y());
        gen.writeNumber(b.w());
        gen.writeNumber(b.h());
        gen.writeEndArray();
    }
}
