package dev.loupe.formats.predictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationCsvReaderTest {
    @TempDir
    Path tmp;

    private CollectingPredictions read(String csv) throws Exception {
        Path f = tmp.resolve("probs.csv");
        Files.writeString(f, csv);
        return CollectingPredictions.read(new ClassificationCsvReader(f), CollectingPredictions.catalog(3));
    }

    @Test
    void readsProbabilitiesByPathOrFileNameAndSkipsBadRows() throws Exception {
        CollectingPredictions r = read("image,dog,Cat\nsub/img1.jpg,0.25,0.75\n\"img2.jpg\", 1, 0\n"
                + "nope.jpg,0.5,0.5\nimg3.jpg,0.5\nimg3.jpg,x,0.5\nimg3.jpg,0.5,-0.1\nsub/img1.jpg,0.5,0.5\n");
        assertThat(r.probabilities).isEqualTo(Map.of(1L, Map.of(2, 0.25, 1, 0.75), 2L, Map.of(2, 1.0, 1, 0.0)));
        assertThat(r.issueTexts()).containsExactly(
                "unknown_image probs.csv line 4: image \"nope.jpg\" is not an image of this project; row skipped",
                "invalid_value probs.csv line 5: expected 3 values (image and 2 probabilities), found 2; row skipped",
                "invalid_value probs.csv line 6: probability of \"dog\" is \"x\", not a number; row skipped",
                "invalid_value probs.csv line 7: probability of \"cat\" is -0.1, outside [0, 1]; row skipped",
                "duplicate_id probs.csv line 8: image \"sub/img1.jpg\" has a second row; the first is kept");
    }

    @Test
    void anUnknownClassColumnStopsTheImport() {
        assertThatThrownBy(() -> read("image,cat,horse\nimg1.jpg,0.5,0.5\n"))
                .hasMessageContaining("probs.csv line 1: column 3 \"horse\" is not a class of this project");
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty file");
    }
}
