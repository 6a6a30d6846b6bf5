package dev.loupe.testkit.builtin;

import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.formats.coco.CocoResultsFormat;
import dev.loupe.formats.predictions.ClassificationCsvFormat;
import dev.loupe.formats.predictions.PredictionFormat;
import dev.loupe.formats.predictions.PredictionRequest;
import dev.loupe.formats.predictions.ProjectCatalog;
import dev.loupe.formats.yolo.YoloPredictionFormat;
import dev.loupe.testkit.PredictionFormatContractTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** Every built-in prediction format passes the contract a plugin's format passes, on a fixture of its own. */
class BuiltInPredictionFormatsTest {
    /** Images a.jpg (COCO id "1") and b.jpg ("2"), 100x50; classes cat (source "7") and dog ("9"). */
    static ProjectCatalog project() {
        return new ProjectCatalog(List.of(new ImageRecord(1, "a.jpg", 100, 50, "jpeg", null, 1000, "1"),
                new ImageRecord(2, "b.jpg", 100, 50, "jpeg", null, 1000, "2")),
                List.of(new Category(1, "cat", null, "7"), new Category(2, "dog", null, "9")));
    }

    @Nested
    class Coco extends PredictionFormatContractTest {
        @Override
        protected PredictionFormat format() {
            return new CocoResultsFormat();
        }

        @Override
        protected Fixture fixture(Path dir) throws IOException {
            Path json = Fixtures.text(dir.resolve("results.json"), "[{\"image_id\": 1, \"category_id\": 7, "
                    + "\"bbox\": [10, 5, 20, 10], \"score\": 0.9}, {\"image_id\": 2, \"category_id\": 9, "
                    + "\"bbox\": [0, 0, 50, 25], \"score\": 0.25}]");
            return new Fixture(new PredictionRequest(json, null), project());
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Path json = Fixtures.text(dir.resolve("broken.json"), "[{\"image_id\": 1, ");
            return new BadInput(new Fixture(new PredictionRequest(json, null), project()), json);
        }
    }

    @Nested
    class Yolo extends PredictionFormatContractTest {
        @Override
        protected PredictionFormat format() {
            return new YoloPredictionFormat();
        }

        @Override
        protected Fixture fixture(Path dir) throws IOException {
            Fixtures.text(dir.resolve("labels/a.txt"), "0 0.5 0.5 0.2 0.4 0.8\n1 0.25 0.25 0.1 0.1 0.3\n");
            return new Fixture(new PredictionRequest(dir.resolve("labels"), null), project());
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Path txt = Fixtures.text(dir.resolve("labels/a.txt"), "0 0.5 zz 0.2 0.4 0.8\n");
            return new BadInput(new Fixture(new PredictionRequest(dir.resolve("labels"), null), project()), txt);
        }
    }

    @Nested
    class ClassificationCsv extends PredictionFormatContractTest {
        @Override
        protected PredictionFormat format() {
            return new ClassificationCsvFormat();
        }

        @Override
        protected Fixture fixture(Path dir) throws IOException {
            Path csv = Fixtures.text(dir.resolve("probs.csv"), "image,cat,dog\na.jpg,0.75,0.25\nb.jpg,0.5,0.5\n");
            return new Fixture(new PredictionRequest(csv, null), project());
        }

        @Override
        protected BadInput badInput(Path dir) throws IOException {
            Path csv = Fixtures.text(dir.resolve("probs.csv"), "image,cat,dog\na.jpg,0.75,seven\n");
            return new BadInput(new Fixture(new PredictionRequest(csv, null), project()), csv);
        }
    }
}
