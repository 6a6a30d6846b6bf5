package dev.loupe.core.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.PixelImage;
import dev.loupe.core.metrics.image.PillowResample.Filter;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The fused passes against plain implementations: the Laplacian moments (rolling rows) against a
 * pixel-by-pixel Laplacian with reflect-101 borders, the banded thumbnails against Pillow's separable
 * resize applied to the whole image ({@link PillowResample#resize}). Exact equality: all of it is
 * integer arithmetic.
 */
class LaplacianAndThumbnailsTest {
    @Property(tries = 150)
    void matchesThePlainLaplacianAndResize(@ForAll @IntRange(min = 1, max = 130) int w,
                                           @ForAll @IntRange(min = 1, max = 230) int h,
                                           @ForAll @IntRange(min = 2, max = 256) int levels,
                                           @ForAll long seed) {
        check(random(w, h, levels, seed), w, h);
    }

    /** Sizes around the thumbnails' band of 96 rows and the Laplacian's 4096-value chunks. */
    @Test
    void bandEdges() {
        for (int h : new int[] {1, 2, 3, 95, 96, 97, 98, 191, 192, 193, 289}) {
            for (int w : new int[] {1, 2, 3, 9, 33, 65, 70, 1366, 1367}) {
                check(random(w, h, 256, 31L * h + w), w, h);
            }
        }
    }

    private static byte[] random(int w, int h, int levels, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] rgb = new byte[3 * w * h];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) (random.nextInt(levels) * 255 / (levels - 1));
        }
        return rgb;
    }

    private static void check(byte[] rgb, int w, int h) {
        PixelImage px = new PixelImage(w, h, rgb, 3, 8, false);
        String where = w + "x" + h;
        assertThat(LaplacianMoments.rgb(px)).as(where).isEqualTo(plainLaplacian(rgb, w, h, false));
        assertThat(LaplacianMoments.grey(px)).as(where).isEqualTo(plainLaplacian(rgb, w, h, true));

        PillowThumbnails.Thumbnails t = PillowThumbnails.of(px);
        byte[] l = PillowGrey.toL(rgb);
        assertThat(t.phash()).as(where).isEqualTo(PillowResample.resize(l, w, h, 1, 32, 32, Filter.LANCZOS));
        assertThat(t.dhash()).as(where).isEqualTo(PillowResample.resize(l, w, h, 1, 9, 8, Filter.LANCZOS));
        int longest = Math.max(w, h);
        if (longest > PillowGrey.CLEANVISION_SIDE) {
            int cw = Math.max(64 * w / longest, 1);
            int ch = Math.max(64 * h / longest, 1);
            byte[] small = PillowResample.resize(rgb, w, h, 3, cw, ch, Filter.BICUBIC);
            assertThat(t.cleanVision().width()).as(where).isEqualTo(cw);
            assertThat(t.cleanVision().pixels()).as(where).isEqualTo(PillowGrey.toL(small));
        } else {
            assertThat(t.cleanVision().pixels()).as(where).isEqualTo(l);
        }
    }

    /** cv2.Laplacian(img, CV_64F) moments, one value at a time, reflect-101 borders. */
    static LaplacianMoments plainLaplacian(byte[] rgb, int w, int h, boolean grey) {
        int cn = grey ? 1 : 3;
        long sum = 0;
        long sumSq = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < cn; c++) {
                    long l = at(rgb, w, LaplacianMoments.reflect101(x - 1, w), y, c, grey)
                            + at(rgb, w, LaplacianMoments.reflect101(x + 1, w), y, c, grey)
                            + at(rgb, w, x, LaplacianMoments.reflect101(y - 1, h), c, grey)
                            + at(rgb, w, x, LaplacianMoments.reflect101(y + 1, h), c, grey)
                            - 4L * at(rgb, w, x, y, c, grey);
                    sum += l;
                    sumSq += l * l;
                }
            }
        }
        return new LaplacianMoments((long) w * h * cn, sum, sumSq);
    }

    /** Channel c of pixel (x, y), or its OpenCV 4 grey (RGB2GRAY, 15-bit fixed point). */
    private static int at(byte[] rgb, int w, int x, int y, int c, boolean grey) {
        int i = 3 * (y * w + x);
        if (!grey) {
            return rgb[i + c] & 0xFF;
        }
        return ((rgb[i] & 0xFF) * 9798 + (rgb[i + 1] & 0xFF) * 19235 + (rgb[i + 2] & 0xFF) * 3735 + 16384) >> 15;
    }
}
