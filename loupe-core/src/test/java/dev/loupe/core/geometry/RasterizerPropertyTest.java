package dev.loupe.core.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RasterizerPropertyTest {

    @Property
    void integerBoxInsideTheImageCoversWTimesHPixels(@ForAll @IntRange(min = 1, max = 40) int height,
            @ForAll @IntRange(min = 1, max = 40) int width, @ForAll long seed) {
        Random rnd = new Random(seed);
        int x = rnd.nextInt(width);
        int y = rnd.nextInt(height);
        int w = 1 + rnd.nextInt(width - x);
        int h = 1 + rnd.nextInt(height - y);
        Box box = new Box(x, y, w, h);
        Rle rle = Rasterizer.fromBox(box, height, width);
        assertThat(Masks.area(rle)).isEqualTo((long) w * h);
        assertThat(Masks.toBox(rle)).isEqualTo(box);
        byte[] col = RleCodec.decode(rle);
        for (int c = x; c < x + w; c++) {
            for (int r = y; r < y + h; r++) {
                assertThat(col[c * height + r]).isEqualTo((byte) 1);
            }
        }
    }

    @Property
    void ringRasterizationMatchesTheLiteralMaskApiTranscription(@ForAll @IntRange(min = 1, max = 40) int h,
            @ForAll @IntRange(min = 1, max = 40) int w, @ForAll @IntRange(min = 0, max = 9) int vertices,
            @ForAll long seed) {
        Random rnd = new Random(seed);
        boolean integral = rnd.nextBoolean();
        double[] xy = new double[2 * vertices];
        for (int i = 0; i < vertices; i++) {
            xy[2 * i] = coordinate(rnd, w, integral);
            xy[2 * i + 1] = coordinate(rnd, h, integral);
        }
        Rle rle = Rasterizer.fromPolygonRing(xy, h, w);
        assertThat(rle.counts()).containsExactly(FrPolyReference.counts(xy, h, w));
        assertThat(RleCodec.fromCocoString(RleCodec.toCocoString(rle), h, w)).isEqualTo(rle);
    }

    /** A coordinate a little beyond the image on both sides, integral or with up to 2 decimals. */
    private static double coordinate(Random rnd, int side, boolean integral) {
        double v = -4 + rnd.nextDouble() * (side + 8);
        return integral ? Math.rint(v) : Math.rint(v * 100) / 100;
    }
}
