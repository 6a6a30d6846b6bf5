package dev.loupe.bench;

import dev.loupe.eval.labels.ClassProbabilities;
import dev.loupe.eval.labels.ConfidentLearning;
import dev.loupe.eval.labels.CrossValidatedProbabilities;
import dev.loupe.eval.labels.IssueFilter;
import dev.loupe.eval.labels.LabelQuality;
import dev.loupe.eval.labels.LogisticRegression;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST (IDX files, gzipped, as Debian's {@code dataset-fashion-mnist} installs them in
 * {@code /usr/share/datasets/fashion-mnist}): a seeded share of the labels flipped to another class,
 * Loupe's own cross-validated classifier on the raw pixels (a model-free embedding; optionally
 * averaged 2 x 2 to 14 x 14), and how well each label-quality score ranks the flipped labels.
 */
final class FashionNoise {
    static final int CLASSES = 10;

    /** Pixels (0-1) and labels of the first {@code items} images: the 60 000 training images, then the 10 000 test ones. */
    record Data(float[][] x, int[] y) {
    }

    static Data read(Path dir, int items, int side) throws IOException {
        float[][] x = new float[items][];
        int[] y = new int[items];
        int n = 0;
        for (String part : new String[] {"train", "t10k"}) {
            if (n == items) {
                break;
            }
            try (DataInputStream im = open(dir.resolve(part + "-images-idx3-ubyte.gz"));
                 DataInputStream lb = open(dir.resolve(part + "-labels-idx1-ubyte.gz"))) {
                if (im.readInt() != 2051 || lb.readInt() != 2049) {
                    throw new IOException(dir.resolve(part + "-*-idx*-ubyte.gz") + ": not IDX image and label files");
                }
                int count = im.readInt();
                lb.readInt();
                int rows = im.readInt();
                int cols = im.readInt();
                byte[] pixels = new byte[rows * cols];
                for (int i = 0; i < count && n < items; i++, n++) {
                    im.readFully(pixels);
                    y[n] = lb.readUnsignedByte();
                    x[n] = features(pixels, rows, cols, side);
                }
            }
        }
        if (n < items) {
            throw new IOException(dir + ": " + n + " images, fewer than the " + items + " asked for");
        }
        return new Data(x, y);
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(in, 1 << 16)));
    }

    /** The pixels in [0, 1], averaged over blocks so that the image is side x side. */
    private static float[] features(byte[] pixels, int rows, int cols, int side) {
        int block = rows / side;
        float[] f = new float[side * side];
        for (int r = 0; r < side * block; r++) {
            for (int c = 0; c < side * block; c++) {
                f[(r / block) * side + c / block] += (pixels[r * cols + c] & 0xff) / 255f / (block * block);
            }
        }
        return f;
    }

    /** Flips a seeded share of the labels, cross-validates, scores; returns the flipped count (the k used). */
    static int run(Data data, double flip, int folds, long seed, NoiseTable table, PrintWriter out) {
        int n = data.y().length;
        int[] noisy = data.y().clone();
        boolean[] flipped = new boolean[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int flips = (int) Math.round(flip * n);
        for (int i = 0; i < flips; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            int item = order[i];
            noisy[item] = (noisy[item] + 1 + rnd.nextInt(CLASSES - 1)) % CLASSES;
            flipped[item] = true;
        }
        long start = System.nanoTime();
        double[][] p = CrossValidatedProbabilities.compute(data.x(), noisy, CLASSES, folds, seed,
                LogisticRegression.Params.DEFAULTS);
        double seconds = (System.nanoTime() - start) / 1e9;
        int agreeNoisy = 0;
        int agreeTrue = 0;
        ClassProbabilities in = new ClassProbabilities(noisy, p, CLASSES);
        for (int i = 0; i < n; i++) {
            agreeNoisy += in.predicted(i) == noisy[i] ? 1 : 0;
            agreeTrue += in.predicted(i) == data.y()[i] ? 1 : 0;
        }
        out.printf(Locale.ROOT, "  %d-fold logistic regression on %d pixels: %.1f s; out-of-fold accuracy %.3f against the "
                + "noisy labels, %.3f against the true ones%n", folds, data.x()[0].length, seconds,
                (double) agreeNoisy / n, (double) agreeTrue / n);
        for (LabelQuality q : LabelQuality.values()) {
            table.add("image", "flipped", q.id(), flipped, RankingScores.of(q.scores(in), flipped, flips, seed));
        }
        table.add("image", "flipped", "random (expected)", flipped, RankingScores.random(flipped, flips));
        boolean[] mask = ConfidentLearning.findLabelIssues(in, IssueFilter.PRUNE_BY_NOISE_RATE);
        int flagged = 0;
        int hits = 0;
        for (int i = 0; i < n; i++) {
            flagged += mask[i] ? 1 : 0;
            hits += mask[i] && flipped[i] ? 1 : 0;
        }
        out.printf(Locale.ROOT, "  confident learning (find_label_issues, prune_by_noise_rate) flags %d items: precision "
                + "%.3f, recall %.3f%n", flagged, flagged == 0 ? 0.0 : (double) hits / flagged, (double) hits / flips);
        return flips;
    }
}
