package dev.loupe.formats.yolo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Prediction;
import dev.loupe.formats.predictions.CollectingPredictions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloPredictionReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsNormalisedBoxesWithConfidenceAndReportsBadLines() throws Exception {
        Path dir = tmp.resolve("pred");
        Files.createDirectories(dir.resolve("sub"));
        // image 1 is 100x50: cx 0.5, cy 0.5, w 0.2, h 0.4 -> x 40, y 15, w 20, h 20
        Files.writeString(dir.resolve("sub/img1.txt"), "1 0.5 0.5 0.2 0.4 0.75\n\n0 0.1 0.1 0.1 0.1\n"
                + "5 0.5 0.5 0.1 0.1 0.5\n0 0.5 0.5 0.1 0.1 1.2\n0 0.5 NaN 0.1 0.1 0.3\n");
        Files.writeString(dir.resolve("img2.txt"), "0 0.25 0.25 0.5 0.5 0.125\n");
        Files.writeString(dir.resolve("other.txt"), "0 0.25 0.25 0.5 0.5 0.125\n");
        CollectingPredictions r = CollectingPredictions.read(new YoloPredictionReader(dir, null),
                CollectingPredictions.catalog(2));
        assertThat(r.predictions).hasSize(2);
        Prediction p = r.predictions.get(1);
        assertThat(p.imageId()).isEqualTo(1);
        assertThat(p.categoryId()).isEqualTo(2);
        assertThat(p.geometry().box()).isEqualTo(new Box(40, 15, 20, 20));
        assertThat(p.score()).isEqualTo(0.75);
        assertThat(p.sourceId()).isEqualTo("sub/img1.txt:1");
        assertThat(r.predictions.get(0).imageId()).isEqualTo(2);
        assertThat(r.predictions.get(0).geometry().box()).isEqualTo(new Box(0, 0, 50, 25));
        assertThat(r.issueTexts()).containsExactly(
                "unknown_image other.txt: no image of this project is named other.*; its predictions are not imported",
                "invalid_value sub/img1.txt line 3: expected \"class cx cy w h confidence\" (6 values), found 5: \"0 0.1 0.1 0.1 0.1\"; not imported",
                "unknown_category sub/img1.txt line 4: class index 5 is not in 0..1; not imported",
                "invalid_value sub/img1.txt line 5: confidence 1.2 must be in [0, 1]; not imported",
                "non_finite_or_negative sub/img1.txt line 6: value 3 (NaN) must be a finite number >= 0; not imported");
    }

    @Test
    void classNamesFileMapsIndicesByName() throws Exception {
        Path dir = tmp.resolve("pred");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("img1.txt"), "0 0.5 0.5 0.2 0.4 0.5\n");
        Path names = tmp.resolve("names.txt");
        Files.writeString(names, "dog\ncat\n");
        CollectingPredictions r = CollectingPredictions.read(new YoloPredictionReader(dir, names),
                CollectingPredictions.catalog(1));
        assertThat(r.predictions.get(0).categoryId()).isEqualTo(2);
        Files.writeString(names, "dog\nbird\n");
        assertThatThrownBy(() -> CollectingPredictions.read(new YoloPredictionReader(dir, names),
                CollectingPredictions.catalog(1))).hasMessageContaining("class \"bird\" (index 1) is not a class of this project");
    }
}
