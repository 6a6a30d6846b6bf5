package dev.loupe.formats.coco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.core.LoupeException;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.Prediction;
import dev.loupe.formats.CollectingSink;
import dev.loupe.formats.predictions.CollectingPredictions;
import dev.loupe.formats.predictions.ProjectCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoResultsReaderTest {
    @TempDir
    Path tmp;

    private CollectingPredictions read(String json) throws Exception {
        Path f = tmp.resolve("results.json");
        Files.writeString(f, json);
        return CollectingPredictions.read(new CocoResultsReader(f), CollectingPredictions.catalog(3));
    }

    @Test
    void boxResultsMapCocoIdsAndKeepScoreAndArea() throws Exception {
        CollectingPredictions r = read("[{\"image_id\": 12, \"category_id\": 9, \"bbox\": [10, 5, 20, 10], \"score\": 0.9},"
                + "{\"image_id\": \"sub/img3.jpg\", \"category_id\": \"cat\", \"bbox\": [0, 0, 1.5, 2], \"score\": 0}]");
        assertThat(r.issues).isEmpty();
        assertThat(r.predictions).hasSize(2);
        Prediction p = r.predictions.get(0);
        assertThat(p.imageId()).isEqualTo(2);
        assertThat(p.categoryId()).isEqualTo(2);
        assertThat(p.geometry()).isEqualTo(new Geometry.BoxShape(new Box(10, 5, 20, 10)));
        assertThat(p.score()).isEqualTo(0.9);
        assertThat(p.area()).isEqualTo(200.0);
        assertThat(p.sourceId()).isEqualTo("/0");
        assertThat(r.predictions.get(1).imageId()).isEqualTo(3);
        assertThat(r.predictions.get(1).categoryId()).isEqualTo(1);
        assertThat(r.predictions.get(1).area()).isEqualTo(3.0);
    }

    @Test
    void badResultsAreSkippedWithTheirPointerAndTheRestKept() throws Exception {
        CollectingPredictions r = read("[{\"image_id\": 99, \"category_id\": 7, \"bbox\": [1, 1, 2, 2], \"score\": 0.5},"
                + "{\"image_id\": 11, \"category_id\": 8, \"bbox\": [1, 1, 2, 2], \"score\": 0.5},"
                + "{\"image_id\": 11, \"category_id\": 7, \"bbox\": [1, 1, 2, 2], \"score\": 1.5},"
                + "{\"image_id\": 11, \"category_id\": 7, \"bbox\": [1, 1, 2, 2]},"
                + "{\"image_id\": 11, \"category_id\": 7, \"bbox\": [1, \"x\", 2, 2], \"score\": 0.5},"
                + "{\"image_id\": 11, \"category_id\": 7, \"bbox\": [90, 1, 20, 2], \"score\": 0.5},"
                + "7,"
                + "{\"image_id\": 11, \"category_id\": 7, \"bbox\": [1, 1, 2, 2], \"score\": 0.25}]");
        assertThat(r.issueTexts()).containsExactly(
                "unknown_image results.json /0/image_id: result 0 refers to image id 99, which is not an image of this project; not imported",
                "unknown_category results.json /1/category_id: result 1 has category id 8, which is not a class of this project; not imported",
                "invalid_value results.json /2/score: result 2 not imported: score 1.5 must be in [0, 1]",
                "invalid_value results.json /3/score: result 3 not imported: \"score\" is missing or not a number",
                "invalid_value results.json /4: result 4 not imported: the file holds box results (its first result has \"bbox\") but this one has no usable \"bbox\" (expected [x, y, width, height] (4 numbers), found other values)",
                "box_outside_image results.json /5/bbox: result 5: box [90, 1, 20, 2] extends past the 100x50 image (expected 0 <= x, x + w <= width, 0 <= y, y + h <= height)",
                "invalid_value results.json /6: expected a result object, found number 7");
        assertThat(r.predictions).extracting(Prediction::score).containsExactly(0.5, 0.25);
        assertThat(r.issues.get(5).itemId()).isEqualTo(1L);
    }

    /** A truncated results file was imported up to the break (exit 0); a file that cannot be read to its end now fails. */
    @Test
    void truncatedJsonFailsNamingTheFileAndPosition() {
        assertThatThrownBy(() -> read("[{\"image_id\": 11, \"category_id\": 7, \"bbox\": [1, 1, 2, 2], \"score\": 0.5},"
                + "{\"image_id\": 11, \"categ")).isInstanceOf(dev.loupe.core.LoupeException.class)
                .hasMessageStartingWith("results.json line 1, column ")
                .hasMessageEndingWith("the file ends before its JSON is complete (truncated?); nothing was imported");
    }

    @Test
    void anAnnotationsFileIsRefusedWithAHint() throws Exception {
        assertThatThrownBy(() -> read("{\"images\": [], \"annotations\": []}"))
                .isInstanceOf(LoupeException.class)
                .hasMessageContaining("expected a JSON list of results").hasMessageContaining("loupe init --coco");
        assertThatThrownBy(() -> CollectingPredictions.read(new CocoResultsReader(tmp.resolve("none.json")),
                CollectingPredictions.catalog(1))).hasMessageContaining("none.json: results file not found");
    }

    @Test
    void segmentationFileGetsTheMaskBoxAndPixelAreaAsLoadResDoes() throws Exception {
        // A 4x4 square polygon at (2,2)-(6,6) on a 100x50 image: pycocotools rasterises it to 16 pixels.
        String json = "[{\"image_id\": 11, \"category_id\": 7, \"segmentation\": [[2, 2, 6, 2, 6, 6, 2, 6]], \"score\": 0.8}]";
        Path f = tmp.resolve("segm.json");
        Files.writeString(f, json);
        assertThat(CocoResultsReader.isBoxFile(f)).isFalse();
        CollectingPredictions r = CollectingPredictions.read(new CocoResultsReader(f), CollectingPredictions.catalog(1));
        assertThat(r.issues).isEmpty();
        Prediction p = r.predictions.get(0);
        assertThat(p.geometry()).isInstanceOf(Geometry.PolygonShape.class);
        assertThat(p.area()).isEqualTo(16.0);
        assertThat(p.geometry().box().w()).isCloseTo(4, within(1e-9));
    }

    @Test
    void readsTheReferenceResultsOfTheSharedData() {
        Path data = CollectingSink.shared().resolve("data/voc100");
        CollectingSink gt = CollectingSink.run(new CocoImporter(data.resolve("gts/coco_format_v1/instances_default.json"),
                data.resolve("images")));
        ProjectCatalog catalog = new ProjectCatalog(gt.images, gt.categories);
        CollectingPredictions r = CollectingPredictions.read(new CocoResultsReader(data.resolve("coco_dets_from_abs_xywh.json")),
                catalog);
        assertThat(r.issues).isEmpty();
        assertThat(r.predictions).hasSize(452);
        assertThat(r.predictions.stream().map(Prediction::imageId).distinct().count()).isEqualTo(98);
    }
}
