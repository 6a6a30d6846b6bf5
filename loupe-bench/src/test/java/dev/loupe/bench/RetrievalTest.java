package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.PixelImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The similarity benchmark's scores on inputs small enough to work out by hand. */
class RetrievalTest {
    /** Unit vectors at these angles (degrees) in the plane. */
    private static Feature angles(double... degrees) {
        float[][] v = new float[degrees.length][];
        for (int i = 0; i < v.length; i++) {
            double a = Math.toRadians(degrees[i]);
            v[i] = new float[] {(float) Math.cos(a), (float) Math.sin(a), 0};
        }
        return new Feature("t", dev.loupe.knn.Vectors.normalised(v), null);
    }

    @Test
    void rankCountsCandidatesAtLeastAsSimilarAsTheTarget() {
        // Query 0 at 0°; target 3 at 30°; 1 at 10° and 2 at 20° are closer, 4 at 90° is not: rank 3.
        Feature f = angles(0, 10, 20, 30, 90);
        assertThat(Retrieval.rank(f, 0, 3, null)).isEqualTo(3);
        // Excluding row 1 (a sibling) moves the target up one.
        assertThat(Retrieval.rank(f, 0, 3, (q, c) -> c == 1)).isEqualTo(2);
        assertThat(Retrieval.recallAt(new int[] {1, 3, 2, 7}, 2)).isEqualTo(0.5);
    }

    @Test
    void tiesCountAgainstTheTarget() {
        // Hashes: query 0; target 1 and candidate 2 both 1 bit away: rank 2, not 1.
        Feature f = Feature.hashes("h", new long[] {0b0000, 0b0001, 0b0010, 0b1111});
        assertThat(Retrieval.rank(f, 0, 1, null)).isEqualTo(2);
        assertThat(f.similarity(0, 3)).isEqualTo(-4);
    }

    @Test
    void precisionAtKByHand() {
        // Rows at 0°, 5°, 10°, 90°, 95° with classes A A B B B, each row its own group, k = 2.
        // Row 0: nearest 5° (A), 10° (B) -> 1/2. Row 1: 0° (A), 10° (B) -> 1/2. Row 2: 5° (A), 0° (A) -> 0.
        // Row 3: 95° (B), 10° (B) -> 1. Row 4: 90° (B), 10° (B) -> 1. Mean 3/5.
        Feature f = angles(0, 5, 10, 90, 95);
        double p = Retrieval.precisionAt(f, new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 2, 3, 4}, 2);
        assertThat(p).isCloseTo(0.6, within(1e-12));
        // Rows 0 and 1 in one group: row 0 no longer sees 1 -> 10° (B), 90° (B) -> 0; row 1 the same -> 0.
        double grouped = Retrieval.precisionAt(f, new int[] {0, 0, 1, 1, 1}, new int[] {0, 0, 2, 3, 4}, 2);
        assertThat(grouped).isCloseTo((0 + 0 + 0 + 1 + 1) / 5.0, within(1e-12));
    }

    @Test
    void flipTwiceIsTheImageAndJpegStaysClose() {
        SplittableRandom r = new SplittableRandom(1);
        byte[] rgb = new byte[3 * 7 * 5];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) r.nextInt(256);
        }
        PixelImage im = new PixelImage(7, 5, rgb, 3, 8, false);
        PixelImage once = ImageVariants.FLIP.apply(im, r);
        assertThat(once.rgb()[0]).isEqualTo(rgb[3 * 6]);
        assertThat(ImageVariants.FLIP.apply(once, r).rgb()).isEqualTo(rgb);
        // A blur with σ = 1 keeps a flat image flat.
        PixelImage flat = new PixelImage(9, 9, filled(3 * 81, (byte) 77), 3, 8, false);
        assertThat(ImageVariants.blur(flat, 1).rgb()).isEqualTo(flat.rgb());
    }

    private static byte[] filled(int n, byte v) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, v);
        return b;
    }
}
