package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.core.embed.VectorSet;
import dev.loupe.embed.space.EmbeddingSpace;
import dev.loupe.embed.model.FallbackEmbedding;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.Neighbours;
import dev.loupe.knn.Vectors;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loupe embed}'s second phase (k-NN of every image and object, near-duplicate clusters,
 * annotation quality, 2-D maps) on Fashion-MNIST, one whole-image object per image with its class,
 * embedded with the model-free fallback: the whole phase, and its all-rows k-NN against the scalar
 * blocked search it replaced (kept here as the baseline, timed on a sample of query rows and scaled
 * to all), with the sample's neighbour lists compared to the bit.
 */
@Command(name = "embed-space", mixinStandardHelpOptions = true,
        description = "embed's second phase (k-NN, clusters, quality, map) on Fashion-MNIST against the former exact search.")
final class EmbedSpaceBench implements Callable<Integer> {
    @CommandLine.Mixin
    FashionMnistOption fashion = new FashionMnistOption();

    @Option(names = "--images", split = ",", defaultValue = "10000", paramLabel = "N",
            description = "images per measurement, up to 70000 (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--sample", defaultValue = "1024", paramLabel = "R",
            description = "query rows the former search is timed on, scaled to all rows (default: ${DEFAULT-VALUE})")
    int sample;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!fashion.present()) {
            out.println(fashion.skipped());
            return 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "embed's second phase on Fashion-MNIST, fallback embedding (%d-d), %d cores, Java %s%n",
                FallbackEmbedding.DIMENSION, cores, System.getProperty("java.version"));
        for (int n : sizes) {
            measure(out, n, cores);
        }
        return 0;
    }

    private void measure(PrintWriter out, int n, int cores) throws IOException {
        List<PixelImage> images = DuplicateRules.fashion(fashion.dir(), n);
        int[] labels = labels(fashion.dir(), n);
        FallbackEmbedding model = new FallbackEmbedding();
        float[][] raw = IntStream.range(0, n).parallel().mapToObj(i -> model.embed(List.of(images.get(i)))[0]).toArray(float[][]::new);
        long[] ids = java.util.stream.LongStream.rangeClosed(1, n).toArray();
        int[] none = new int[n];
        Arrays.fill(none, -1);
        VectorSet imageSet = new VectorSet(ids, ids, none, raw);
        VectorSet objectSet = new VectorSet(ids, ids, labels, raw);

        ExactIndex index = new ExactIndex(Vectors.forSimilarity(raw));
        int r = Math.min(sample, n);
        long t0 = System.nanoTime();
        Neighbours[] former = formerSearchRows(index.vectors(), r, EmbeddingSpace.DUPLICATE_NEIGHBOURS);
        double formerSeconds = (System.nanoTime() - t0) / 1e9 * n / r;
        long t1 = System.nanoTime();
        Neighbours[] now = index.searchRows(EmbeddingSpace.DUPLICATE_NEIGHBOURS, null);
        double nowSeconds = (System.nanoTime() - t1) / 1e9;
        int same = 0;
        for (int i = 0; i < r; i++) {
            same += Arrays.equals(former[i].rows(), now[i].rows()) && Arrays.equals(former[i].similarities(), now[i].similarities()) ? 1 : 0;
        }
        long t2 = System.nanoTime();
        EmbeddingSpace a = EmbeddingSpace.of(imageSet, objectSet, cores);
        double phase = (System.nanoTime() - t2) / 1e9;
        long clustered = Arrays.stream(a.clusterSize()).filter(s -> s > 1).count();
        out.printf(Locale.ROOT, "  n = %,d: k-NN of all %d rows: former %.1f s (%d rows timed, scaled), now %.2f s (%.1fx faster); "
                        + "%d of %d sampled lists identical to the bit%n", n, n, formerSeconds, r, nowSeconds, formerSeconds / nowSeconds, same, r);
        out.printf(Locale.ROOT, "  n = %,d: whole phase (images and objects: k-NN, clusters, quality and margin, both maps) %.1f s; "
                        + "former estimate %.1f s (2 x its k-NN); %d images in near-duplicate clusters, threshold %.5f%n",
                n, phase, 2 * formerSeconds, clustered, a.duplicateThreshold().threshold());
        out.flush();
    }

    /**
     * The all-rows search before the transposed blocks, on the first {@code rows} rows: blocks of 32
     * query rows, every row streamed past each block once, one scalar dot product per pair, the k best
     * kept per query (by similarity, ties by the lower row, as the index keeps them).
     */
    static Neighbours[] formerSearchRows(Vectors vectors, int rows, int k) {
        int n = vectors.size();
        int block = 32;
        int kk = Math.min(k, n - 1);
        Neighbours[] out = new Neighbours[rows];
        IntStream.range(0, (rows + block - 1) / block).parallel().forEach(b -> {
            int from = b * block;
            int to = Math.min(rows, from + block);
            float[][] queries = new float[to - from][];
            float[][] best = new float[to - from][kk];
            int[][] bestRows = new int[to - from][kk];
            int[] kept = new int[to - from];
            for (int q = from; q < to; q++) {
                queries[q - from] = vectors.row(q);
            }
            for (int j = 0; j < n; j++) {
                for (int q = from; q < to; q++) {
                    if (q == j) {
                        continue;
                    }
                    int i = q - from;
                    float s = vectors.dot(j, queries[i]);
                    if (kept[i] == kk && s <= best[i][kk - 1]) {
                        continue; // rows come in ascending order: an equal similarity of a later row never displaces
                    }
                    int at = Math.min(kept[i], kk - 1);
                    while (at > 0 && best[i][at - 1] < s) {
                        best[i][at] = best[i][at - 1];
                        bestRows[i][at] = bestRows[i][at - 1];
                        at--;
                    }
                    best[i][at] = s;
                    bestRows[i][at] = j;
                    kept[i] = Math.min(kk, kept[i] + 1);
                }
            }
            for (int q = from; q < to; q++) {
                out[q] = new Neighbours(bestRows[q - from], best[q - from]);
            }
        });
        return out;
    }

    /** The class of each of the first {@code n} images, in {@link DuplicateRules#fashion}'s order (test images, then training ones). */
    static int[] labels(Path dir, int n) throws IOException {
        int[] out = new int[n];
        int i = 0;
        for (String part : new String[] {"t10k", "train"}) {
            try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(
                    Files.newInputStream(dir.resolve(part + "-labels-idx1-ubyte.gz")))))) {
                if (in.readInt() != 2049) {
                    throw new IOException(dir.resolve(part + "-labels-idx1-ubyte.gz") + ": not an IDX label file");
                }
                int count = in.readInt();
                for (int j = 0; j < count && i < n; j++) {
                    out[i++] = in.readUnsignedByte();
                }
            }
            if (i == n) {
                break;
            }
        }
        return out;
    }

}
