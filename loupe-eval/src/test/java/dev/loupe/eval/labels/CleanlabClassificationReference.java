package dev.loupe.eval.labels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** cleanlab 2.9.0's classification reference outputs in ../shared/reference/cleanlab/classification. */
final class CleanlabClassificationReference {
    static final Path DIR = Path.of(System.getProperty("loupe.shared", "/work/shared"), "reference", "cleanlab",
            "classification");

    private CleanlabClassificationReference() {
    }

    /** The reference input: labels.csv and pred_probs.csv. */
    static ClassProbabilities input() {
        int[] labels = column("labels.csv").stream().mapToInt(Integer::parseInt).toArray();
        double[][] probs = matrix("pred_probs.csv", true);
        return new ClassProbabilities(labels, probs, probs[0].length);
    }

    /** One column below a header line. */
    static List<String> column(String file) {
        List<String> lines = lines(file);
        return lines.subList(1, lines.size());
    }

    static double[] doubles(String file) {
        return column(file).stream().mapToDouble(Double::parseDouble).toArray();
    }

    static int[] ints(String file) {
        return column(file).stream().mapToInt(Integer::parseInt).toArray();
    }

    static double[][] matrix(String file, boolean header) {
        List<String> lines = lines(file);
        return lines.subList(header ? 1 : 0, lines.size()).stream()
                .map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(DIR.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
