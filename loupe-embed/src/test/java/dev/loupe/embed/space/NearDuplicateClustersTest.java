package dev.loupe.embed.space;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.PixelImage;
import dev.loupe.knn.ExactIndex;
import dev.loupe.knn.Vectors;
import dev.loupe.embed.model.FallbackEmbedding;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The embedding near-duplicate rule on data whose truth is known: Fashion-MNIST (essentially no
 * duplicates; the former rule flagged 15-86% of it) with a few planted copies, and synthetic vectors.
 */
class NearDuplicateClustersTest {
    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");

    @Test
    void fashionMnistSubsetIsAlmostNeverFlaggedWhilePlantedCopiesAre() throws IOException {
        if ("true".equals(System.getenv("CI"))) {
            // .ci/run installs it: under CI a missing dataset fails the build instead of skipping the check
            org.assertj.core.api.Assertions.assertThat(FASHION).as("Debian's dataset-fashion-mnist (.ci/run installs it)").isRegularFile();
        }
        Assumptions.assumeTrue(Files.isRegularFile(FASHION), "Debian's dataset-fashion-mnist is not installed");
        List<PixelImage> images = fashion(1500);
        // Plant 5 copies: image i again with every grey level raised by 6 (brightness +2%), appended as rows 1500..1504.
        // Measured: each copy lies 0.00004-0.001 from its original, whose nearest other image is 0.009-0.056 away; the
        // threshold (median nearest 0.022, spread 0.84) is 0.0017.
        int[] copied = {3, 100, 500, 900, 1400};
        for (int i : copied) {
            byte[] rgb = images.get(i).rgb().clone();
            for (int p = 0; p < rgb.length; p++) {
                rgb[p] = (byte) Math.min(255, (rgb[p] & 0xFF) + 6);
            }
            images.add(new PixelImage(28, 28, rgb, 1, 8, false));
        }
        float[][] raw = new FallbackEmbedding().embed(images);
        NeighbourLists nn = NeighbourLists.of(new ExactIndex(Vectors.forSimilarity(raw)), 10, null);
        NearDuplicateClusters.Clusters c = NearDuplicateClusters.of(nn);
        int flagged = 0;
        for (int i = 0; i < 1500; i++) {
            boolean planted = false;
            for (int k : copied) {
                planted |= k == i;
            }
            flagged += !planted && c.size()[i] > 1 ? 1 : 0;
        }
        assertThat(flagged).as("originals flagged of 1495 (threshold %s)", c.threshold()).isLessThan(15);
        for (int k = 0; k < copied.length; k++) {
            assertThat(c.root()[1500 + k]).as("copy of row %d", copied[k]).isEqualTo(c.root()[copied[k]]);
        }
    }

    @Test
    void plantedCopiesAmongRandomVectorsFormGroupsThatDoNotChain() {
        // 300 random directions in 32-d (nearest cosine distances around 0.5); row 300 = row 0 turned slightly,
        // row 301 = row 300 turned slightly further, row 302 further still: 0-300, 300-301, 301-302 each 0.002 apart,
        // 0-302 0.018 apart. Threshold: far below 0.5, far above 0.02, so all four are one group.
        // Then a chain 1 -> 303 -> 304 -> ... with steps of 0.02: ends far apart must not share a group.
        SplittableRandom r = new SplittableRandom(3);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] v = new float[32];
            for (int k = 0; k < 32; k++) {
                v[k] = (float) r.nextGaussian();
            }
            rows.add(Vectors.unit(v));
        }
        float[] base = rows.get(0);
        float[] dir = orthogonal(base, r);
        for (double deg : new double[] {3.6, 7.2, 10.8}) {
            rows.add(turn(base, dir, Math.toRadians(deg)));
        }
        float[] base1 = rows.get(1);
        float[] dir1 = orthogonal(base1, r);
        for (int s = 1; s <= 12; s++) {
            rows.add(turn(base1, dir1, Math.toRadians(11.5 * s)));
        }
        NeighbourLists nn = NeighbourLists.of(new ExactIndex(Vectors.normalised(rows.toArray(float[][]::new))), 10, null);
        NearDuplicateClusters.Clusters c = NearDuplicateClusters.of(nn);
        assertThat(c.root()[300]).isEqualTo(0);
        assertThat(c.root()[301]).isEqualTo(0);
        assertThat(c.root()[302]).isEqualTo(0);
        assertThat(c.size()[0]).isEqualTo(4);
        // The chain 1, 303..314 (11.5° = 0.020 per step, 138° end to end): groups exist, none spans more than the threshold.
        double t = c.threshold().threshold();
        for (int a = 0; a < rows.size(); a++) {
            for (int b = 0; b < rows.size(); b++) {
                if (c.root()[a] == c.root()[b] && c.size()[a] > 1) {
                    assertThat(1 - dot(rows.get(a), rows.get(b))).as("rows %d and %d share a group", a, b).isLessThanOrEqualTo(t + 1e-6);
                }
            }
        }
        assertThat(c.root()[314]).isNotEqualTo(c.root()[1]);
    }

    private static float[] orthogonal(float[] u, SplittableRandom r) {
        float[] v = new float[u.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) r.nextGaussian();
        }
        double d = dot(u, v);
        for (int k = 0; k < v.length; k++) {
            v[k] -= (float) (d * u[k]);
        }
        return Vectors.unit(v);
    }

    private static float[] turn(float[] u, float[] w, double angle) {
        float[] v = new float[u.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) (Math.cos(angle) * u[k] + Math.sin(angle) * w[k]);
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** The first {@code n} Fashion-MNIST test images, grey as RGB. */
    static List<PixelImage> fashion(int n) throws IOException {
        List<PixelImage> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new GZIPInputStream(Files.newInputStream(FASHION))))) {
            in.readInt();
            in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            byte[] grey = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                in.readFully(grey);
                byte[] rgb = new byte[3 * grey.length];
                for (int p = 0; p < grey.length; p++) {
                    rgb[3 * p] = grey[p];
                    rgb[3 * p + 1] = grey[p];
                    rgb[3 * p + 2] = grey[p];
                }
                out.add(new PixelImage(cols, rows, rgb, 1, 8, false));
            }
        }
        return out;
    }
}
