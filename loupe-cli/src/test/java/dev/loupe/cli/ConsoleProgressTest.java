package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    @Test
    void theHundredPercentLineWaitsUntilEverythingIsSaved() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), false);
        p.update(5000, 10000, 5000, 4800, 1.0);
        p.update(10000, 10000, 10000, 9600, 2.0);
        assertThat(text.toString()).doesNotContain("100%");
        p.update(10000, 10000, 10000, 10000, 2.5);
        assertThat(text.toString().lines().toList()).containsExactly(
                "analyze: 5000/10000 images (50%), 4800 saved, 5000.0 img/s, ETA 0:01",
                "analyze: 10000/10000 images (100%), 10000 saved, 4000.0 img/s, ETA 0:00");
    }

    @Test
    void theDatasetMetricsAreNamedAfterTheBarEachOnALineOfItsOwn() {
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), true);
        p.update(10, 10, 10, 10, 1.0);
        p.datasetMetric("image.near_duplicate_distance", 1, 2);
        p.datasetMetric("annotation.shape_anomaly", 2, 2);
        p.done(null);
        assertThat(text.toString()).endsWith("ETA 0:00   \n"
                + "analyze: dataset metric 1/2, image.near_duplicate_distance\n"
                + "analyze: dataset metric 2/2, annotation.shape_anomaly\n");
    }
}
