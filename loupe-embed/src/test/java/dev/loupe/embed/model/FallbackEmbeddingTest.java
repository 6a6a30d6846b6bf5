package dev.loupe.embed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.PixelImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackEmbeddingTest {
    static PixelImage image(int w, int h, java.util.function.IntBinaryOperator rgbAt) {
        byte[] rgb = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = rgbAt.applyAsInt(x, y);
                rgb[3 * (y * w + x)] = (byte) (c >> 16);
                rgb[3 * (y * w + x) + 1] = (byte) (c >> 8);
                rgb[3 * (y * w + x) + 2] = (byte) c;
            }
        }
        return new PixelImage(w, h, rgb, 3, 8, false);
    }

    @Test
    void flatRedImageIsOneHistogramBinAndNoLayout() {
        float[] v = new FallbackEmbedding().embed(List.of(image(2, 2, (x, y) -> 0xFF0000)))[0];
        assertThat(v).hasSize(127);
        // red 255 -> level 3, green 0, blue 0 -> bin 16*3 = 48, fraction 1 -> sqrt(1) / sqrt(2)
        assertThat(v[48]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
        for (int i = 0; i < v.length; i++) {
            if (i != 48) {
                assertThat(v[i]).as("component %d", i).isZero();
            }
        }
    }

    @Test
    void halfBlackHalfWhiteHasTwoBinsAndOnlyOddHorizontalFrequencies() {
        float[] v = new FallbackEmbedding().embed(List.of(image(32, 32, (x, y) -> x < 16 ? 0 : 0xFFFFFF)))[0];
        // bins 0 (black) and 63 (white) hold half the pixels each: sqrt(0.5) * sqrt(0.5) = 0.5
        assertThat(v[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(v[63]).isCloseTo(0.5f, within(1e-6f));
        // DCT block at 64.. in order (v=0,u=1..7), (v=1,u=0..7)...: a vertical edge has no vertical
        // frequencies and, being odd-symmetric about the centre, only odd horizontal ones.
        for (int u = 1; u < 8; u++) {
            float c = v[64 + u - 1];
            if (u % 2 == 0) {
                assertThat(c).as("u=%d", u).isCloseTo(0f, within(1e-6f));
            } else {
                assertThat(Math.abs(c)).as("u=%d", u).isGreaterThan(0.01f);
            }
        }
        for (int i = 64 + 7; i < 127; i++) {
            assertThat(v[i]).isCloseTo(0f, within(1e-6f));
        }
        // Coefficient ratio of a step at N/2 for u = 1 and 3 (by hand: sum of cos over the white half):
        // X(u) ∝ Σ_{x=16}^{31} cos(π(2x+1)u/64).
        double x1 = 0;
        double x3 = 0;
        for (int x = 16; x < 32; x++) {
            x1 += Math.cos(Math.PI * (2 * x + 1) / 64);
            x3 += Math.cos(Math.PI * (2 * x + 1) * 3 / 64);
        }
        assertThat((double) v[64 + 2] / v[64]).isCloseTo(x3 / x1, within(1e-5));
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void similarImagesAreCloserThanDifferentOnes() {
        FallbackEmbedding m = new FallbackEmbedding();
        float[] a = m.embed(List.of(image(40, 30, (x, y) -> x < 20 ? 0x102030 : 0xE0D0C0)))[0];
        float[] b = m.embed(List.of(image(40, 30, (x, y) -> x < 21 ? 0x112131 : 0xE0D0C0)))[0];
        float[] c = m.embed(List.of(image(40, 30, (x, y) -> y < 15 ? 0x30A030 : 0x202020)))[0];
        assertThat(dot(a, b)).isGreaterThan(0.95).isGreaterThan(dot(a, c) + 0.3);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
