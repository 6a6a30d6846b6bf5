package dev.loupe.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How well Loupe finds label errors it did not make: seeded errors injected into voc100 (scored by
 * ObjectLab on voc100's detections and by annotation.quality) and into Fashion-MNIST (scored by
 * confident learning on Loupe's own cross-validated classifier), with precision and recall in the k
 * lowest scores and the AUROC of every score, beside a random ranking.
 */
@Command(name = "label-noise", mixinStandardHelpOptions = true,
        description = {"Measure label-error finding on injected, seeded errors: detection (voc100 with its detections:",
            "class swaps, dropped, shifted and spurious boxes; ObjectLab scores and annotation.quality) and",
            "classification (Fashion-MNIST with flipped labels; Loupe's own cross-validated classifier)."})
final class LabelNoiseBench implements Callable<Integer> {
    @Option(names = "--voc100", paramLabel = "DIR", description = "voc100 folder with images/, gts/coco_format_v1/ and "
            + "coco_dets_from_abs_xywh.json (default: ../shared/data/voc100 beside the checkout); 'none' skips detection")
    String voc100;

    @Option(names = "--noisy-images", paramLabel = "F", defaultValue = "0.2",
            description = "share of the images that get one error, 0.05 to 0.3 (default: ${DEFAULT-VALUE})")
    double noisyImages;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "detection: seeded repeats, seeds SEED to SEED+N-1, figures averaged (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--k", paramLabel = "K", defaultValue = "10",
            description = "detection: precision and recall in the K lowest scores of each repeat (default: ${DEFAULT-VALUE})")
    int k;

    @CommandLine.Mixin
    FashionMnistOption fashion = new FashionMnistOption();

    @Option(names = "--fashion-items", paramLabel = "N", defaultValue = "70000",
            description = "the first N images (training set, then test set; default: ${DEFAULT-VALUE})")
    int fashionItems;

    @Option(names = "--pixels", paramLabel = "SIDE", defaultValue = "28",
            description = "features: the raw pixels at 28 x 28, or averaged to 14 x 14 or 7 x 7 (default: ${DEFAULT-VALUE})")
    int side;

    @Option(names = "--flip", paramLabel = "F", defaultValue = "0.05",
            description = "share of the Fashion-MNIST labels flipped (default: ${DEFAULT-VALUE})")
    double flip;

    @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!(noisyImages >= 0.05 && noisyImages <= 0.3) || repeats < 1 || k < 1 || folds < 2 || !(flip > 0 && flip < 1)
                || side != 28 && side != 14 && side != 7 || fashionItems < 2 * folds) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --noisy-images in [0.05, 0.3], --repeats "
                    + ">= 1, --k >= 1, --folds >= 2, --flip in (0, 1), --pixels 28, 14 or 7, --fashion-items >= 2 * folds");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path voc = voc100 != null ? Path.of(voc100)
                : Path.of(System.getProperty("loupe.home", "."), "..", "shared", "data", "voc100").toAbsolutePath().normalize();
        if (!"none".equals(voc100)) {
            detection(voc, out);
        }
        if (fashion.dir() != null) {
            classification(out);
        }
        return 0;
    }

    private void detection(Path voc, PrintWriter out) throws IOException {
        Path labels = voc.resolve("gts/coco_format_v1/instances_default.json");
        Path dets = voc.resolve("coco_dets_from_abs_xywh.json");
        if (!Files.isRegularFile(labels) || !Files.isRegularFile(dets)) {
            out.printf("Detection: skipped, no voc100 at %s (pass --voc100 DIR)%n", voc);
            return;
        }
        Path work = Files.createTempDirectory("loupe-label-noise");
        try {
            DetectionNoise noise = new DetectionNoise(voc.resolve("images"), labels, dets, work);
            out.printf(Locale.ROOT, "Detection: %s with %s; one error on %.0f%% of the images (class swap, dropped, "
                    + "shifted, spurious dealt in turn), %d seeded repeats (seeds %d-%d), k = %d per repeat%n", voc,
                    dets.getFileName(), noisyImages * 100, repeats, seed, seed + repeats - 1, k);
            out.println("  ObjectLab on the detections (cleanlab defaults; lower = likelier an error); annotation.quality "
                    + "and 'loupe cv' (crops, p of the given class) on the model-free embedding (fallback); errors and "
                    + "items summed over the repeats, figures averaged");
            out.flush();
            NoiseTable table = new NoiseTable();
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                noise.repeat(noisyImages, seed + r, k, table);
            }
            table.print(out, "k");
            out.printf(Locale.ROOT, "  (%.1f s; box level: the injected boxes of the kind against the untouched boxes; image "
                    + "level: the images with an error of the kind against the untouched images)%n",
                    (System.nanoTime() - start) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void classification(PrintWriter out) throws IOException {
        if (!fashion.present()) {
            out.println("Classification: " + fashion.skipped());
            return;
        }
        FashionNoise.Data data = FashionNoise.read(fashion.dir(), fashionItems, side);
        out.printf(Locale.ROOT, "%nClassification: Fashion-MNIST, %d images from %s, %.0f%% of the labels flipped to another "
                + "class (seed %d); Loupe's own classifier on the raw pixels (%d x %d)%n", fashionItems, fashion.dir(), flip * 100,
                seed, side, side);
        out.flush();
        NoiseTable table = new NoiseTable();
        int flips = FashionNoise.run(data, flip, folds, seed, table, out);
        out.printf("  k = %d (the number of flipped labels)%n", flips);
        table.print(out, "k");
    }
}
