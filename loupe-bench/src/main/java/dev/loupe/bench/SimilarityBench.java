package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.embed.model.EmbeddingModel;
import dev.loupe.embed.model.EmbeddingModels;
import dev.loupe.embed.model.Preprocessing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * How well each image feature retrieves what a person would call the same or a similar image:
 * copy detection under seeded edits (voc100, BCCD), same scene (video frames, a BCCD pair taken at
 * two focus settings), and same-class object crops. Figures, not a timed test.
 */
@Command(name = "similarity", mixinStandardHelpOptions = true,
        description = {"Retrieval quality of each image feature: copy detection (recall@1/@5 of the original under blur, crop, "
                + "brightness/contrast, hue, JPEG q30, flip, rotation), same scene (video frames, confirmed BCCD pairs), "
                + "same-class object crops (precision@10)."})
final class SimilarityBench implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "the shared data folder (default: ../shared/data)")
    Path data;

    @Option(names = "--voc-images", defaultValue = "100", paramLabel = "N", description = "voc100 originals used (default: ${DEFAULT-VALUE})")
    int vocImages;

    @Option(names = "--bccd-images", defaultValue = "364", paramLabel = "N",
            description = "BCCD originals used for copy detection (default: all ${DEFAULT-VALUE}; 0 skips)")
    int bccdImages;

    @Option(names = "--bccd-crops", defaultValue = "1000", paramLabel = "N",
            description = "BCCD object crops sampled for category retrieval (default: ${DEFAULT-VALUE}, whole images)")
    int bccdCrops;

    @Option(names = "--bccd-pairs", split = ",", paramLabel = "A:B",
            defaultValue = "BloodImage_00037:BloodImage_00038,BloodImage_00386:BloodImage_00391",
            description = "BCCD images a person confirmed as the same field; the first pair is also checked by the near-duplicate "
                    + "rules (default: ${DEFAULT-VALUE})")
    List<String> bccdPairs;

    @CommandLine.Mixin
    FashionMnistOption fashionMnist = new FashionMnistOption();

    @Option(names = "--fashion-images", defaultValue = "10000", paramLabel = "N",
            description = "Fashion-MNIST images for the near-duplicate rules with the fallback embedding and pHash "
                    + "(the test set first; up to 70000; default: ${DEFAULT-VALUE}; 0 skips)")
    int fashionImages;

    @Option(names = "--fashion-network", defaultValue = "2000", paramLabel = "N",
            description = "of those, how many the network embeds for its rule (default: ${DEFAULT-VALUE})")
    int fashionNetwork;

    @Option(names = "--seed", defaultValue = "18", description = "seed of the edits (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "workers (default: all cores)")
    Integer threads;

    @Option(names = "--model", paramLabel = "SPEC", description = "an extra model to compare: onnx:PATH (or fallback, mobilenet)")
    String model;

    @Option(names = "--input-size", paramLabel = "PIXELS", defaultValue = "224", description = "onnx:PATH input size (default: ${DEFAULT-VALUE})")
    int inputSize;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", defaultValue = "0.485,0.456,0.406",
            description = "onnx:PATH channel mean (default: ImageNet ${DEFAULT-VALUE})")
    List<Float> mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", defaultValue = "0.229,0.224,0.225",
            description = "onnx:PATH channel standard deviation (default: ImageNet ${DEFAULT-VALUE})")
    List<Float> std;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path dir = data != null ? data : Path.of(System.getProperty("loupe.home", "."), "..", "shared", "data");
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        EmbeddingModel user = model == null ? null : EmbeddingModels.open(model, preprocessing(), null, 1);
        try (FeatureBank bank = new FeatureBank(user, workers)) {
            out.printf("Similarity benchmark: seed %d, %d workers; features: %s%n", seed, workers, String.join(", ", bank.names()));
            out.printf("ties count against the target (a candidate as similar as the target ranks before it)%n");
            out.printf("Loupe's default (--model mobilenet): whole images pooled+fallback, object crops b13:mean; "
                    + "--model mobilenet-pooled: pooled for both%n");
            List<Path> voc = SimilarityData.jpegs(dir.resolve("voc100/images"));
            CopyDetection.Result vocCopies = CopyDetection.run(bank, voc.subList(0, Math.min(vocImages, voc.size())), seed);
            vocCopies.print(out, "voc100");
            List<Path> bccd = SimilarityData.jpegs(dir.resolve("bccd/BCCD/JPEGImages"));
            if (bccdImages > 0) {
                CopyDetection.Result bccdCopies = CopyDetection.run(bank, bccd.subList(0, Math.min(bccdImages, bccd.size())), seed);
                bccdCopies.print(out, "bccd");
            }
            SameScene.frames(bank, dir.resolve("encord-examples"), out);
            Map<String, Feature> bccdOriginals = bank.compute(bccd.size(), i -> List.of(SimilarityData.decode(bccd.get(i))));
            SameScene.pairs(bccdOriginals, bccd, bccdPairs, out);
            CategoryRetrieval.run(bank, "voc100", SimilarityData.voc(dir.resolve("voc100/gts/pascalvoc_format"), dir.resolve("voc100/images")), out);
            CategoryRetrieval.run(bank, "bccd", SimilarityData.voc(dir.resolve("bccd/BCCD"), dir.resolve("bccd/BCCD/JPEGImages"))
                    .sample(bccdCrops, seed), out);
            rules(bank, vocCopies.originalFeatures(), bccdOriginals, bccd, SameScene.rows(bccd, bccdPairs).get(0), workers, out);
        }
        out.printf(Locale.ROOT, "%nbench similarity took %.0f s%n", (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    /** The near-duplicate rules on voc100, BCCD and Fashion-MNIST. */
    private void rules(FeatureBank bank, Map<String, Feature> voc, Map<String, Feature> bccd, List<Path> bccdFiles, int[] pair, int workers,
                       PrintWriter out) throws Exception {
        out.printf("%nNear-duplicate rules (threshold from each dataset's nearest-neighbour distances, complete linkage; "
                + "embedding rule over the 10 nearest): images flagged%n");
        List<String> embeddings = List.of("pooled+fallback", "pooled", "fallback");
        for (String f : embeddings) {
            DuplicateRules.print(out, "voc100", "embedding " + f, DuplicateRules.embedding(voc.get(f), null, workers), false);
            DuplicateRules.print(out, "bccd", "embedding " + f, DuplicateRules.embedding(bccd.get(f), pair, workers), bccdFiles);
        }
        DuplicateRules.print(out, "voc100", "pHash", DuplicateRules.phash(voc.get(FeatureBank.PHASH), null), false);
        DuplicateRules.print(out, "bccd", "pHash", DuplicateRules.phash(bccd.get(FeatureBank.PHASH), pair), bccdFiles);
        if (fashionImages <= 0) {
            return;
        }
        List<PixelImage> fashion = DuplicateRules.fashion(fashionMnist.dir(), fashionImages);
        float[][] fb = new dev.loupe.embed.model.FallbackEmbedding().embed(fashion);
        long[] hashes = fashion.parallelStream().mapToLong(im -> Long.parseUnsignedLong(
                dev.loupe.core.metrics.image.PerceptualHashes.phash(im), 16)).toArray();
        String name = "fashion" + fashion.size();
        DuplicateRules.print(out, name, "embedding fallback", DuplicateRules.embedding(Feature.of("fallback", fb), null, workers), false);
        out.printf("  %-10s %-34s %6d images  %5d flagged: 28x28 is under %d pixels, so pHash does not apply%n", name, "pHash",
                fashion.size(), 0, dev.loupe.core.metrics.dataset.NearDuplicateGroupSize.MIN_SIDE);
        DuplicateRules.print(out, name, "pHash if it applied (for reference)", DuplicateRules.phash(Feature.hashes("phash", hashes), null), false);
        int m = Math.min(fashionNetwork, fashion.size());
        if (m > 0) {
            Map<String, Feature> net = bank.compute(m, i -> List.of(fashion.get(i)));
            for (String f : List.of("pooled+fallback", "pooled")) {
                DuplicateRules.print(out, "fashion" + m, "embedding " + f, DuplicateRules.embedding(net.get(f), null, workers), false);
            }
        }
    }

    private Preprocessing preprocessing() {
        try {
            if (mean.size() != 3 || std.size() != 3) {
                throw new IllegalArgumentException("--mean and --std need three values (R,G,B)");
            }
            return new Preprocessing(inputSize, new float[] {mean.get(0), mean.get(1), mean.get(2)},
                    new float[] {std.get(0), std.get(1), std.get(2)});
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Prints one table row: a name then numbers with 3 decimals. */
    static void row(PrintWriter out, String name, List<Double> values) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-22s", name));
        for (double v : values) {
            b.append(String.format(Locale.ROOT, " %7.3f", v));
        }
        out.println(b);
    }

    static void header(PrintWriter out, String first, List<String> columns) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "  %-22s", first));
        for (String c : columns) {
            b.append(String.format(Locale.ROOT, " %7s", c.length() > 7 ? c.substring(0, 7) : c));
        }
        out.println(b);
    }

    static List<Double> list(double... v) {
        List<Double> l = new ArrayList<>();
        for (double x : v) {
            l.add(x);
        }
        return l;
    }
}
