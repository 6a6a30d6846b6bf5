package dev.loupe.core.metrics.annotation;

import dev.loupe.api.ObjectView.Raster;
import java.math.BigInteger;

/**
 * The seven Hu moment invariants of a binary mask (an object's raster), as
 * {@code cv2.HuMoments(cv2.moments(mask, binaryImage=True))} defines them: raw moments
 * m_pq = Σ x^p y^q over the foreground pixels (x = column, y = row), central moments μ_pq,
 * normalised η_pq = μ_pq / m00^(1 + (p+q)/2), then Hu's formulas.
 *
 * <p>Computed exactly: with integer pixel coordinates every Hu moment is N / m00^k for an integer
 * polynomial N of the raw moments (k = 3, 6, 9, 9, 18, 12, 18), evaluated here in
 * {@link BigInteger}. So invariants that are zero in exact arithmetic (h3..h7 of any shape that is
 * symmetric under a half turn, e.g. every box) come out exactly 0 instead of rounding noise, which
 * matters because the metric reports sign(h)·log10|h|.
 */
final class HuMoments {
    /** Windows with a side above this give no moments (keeps the per-row sums within a long). */
    static final int MAX_SIDE = 40_000;
    private static final int[] DENOMINATOR_POWER = {3, 6, 9, 9, 18, 12, 18};
    private static final double LOG10_2 = Math.log10(2);

    private final BigInteger[] numerators;
    private final long pixels;

    private HuMoments(BigInteger[] numerators, long pixels) {
        this.numerators = numerators;
        this.pixels = pixels;
    }

    /** The moments of the raster's foreground, or null when it is empty or larger than {@link #MAX_SIDE}. */
    static HuMoments of(Raster r) {
        if (r.width() == 0 || r.height() == 0 || r.width() > MAX_SIDE || r.height() > MAX_SIDE) {
            return null;
        }
        BigInteger[] m = rawMoments(r);
        BigInteger m00 = m[0];
        BigInteger m10 = m[1];
        BigInteger m01 = m[2];
        BigInteger m20 = m[3];
        BigInteger m11 = m[4];
        BigInteger m02 = m[5];
        BigInteger m30 = m[6];
        BigInteger m21 = m[7];
        BigInteger m12 = m[8];
        BigInteger m03 = m[9];
        if (m00.signum() == 0) {
            return null;
        }
        BigInteger n = m00;
        BigInteger n2 = n.multiply(n);
        BigInteger two = BigInteger.TWO;
        BigInteger three = BigInteger.valueOf(3);
        // A_pq = m00^(p+q-1) · μ_pq, integers.
        BigInteger a20 = n.multiply(m20).subtract(m10.multiply(m10));
        BigInteger a02 = n.multiply(m02).subtract(m01.multiply(m01));
        BigInteger a11 = n.multiply(m11).subtract(m10.multiply(m01));
        BigInteger a30 = n2.multiply(m30).subtract(three.multiply(n).multiply(m20).multiply(m10))
                .add(two.multiply(m10.pow(3)));
        BigInteger a03 = n2.multiply(m03).subtract(three.multiply(n).multiply(m02).multiply(m01))
                .add(two.multiply(m01.pow(3)));
        BigInteger a21 = n2.multiply(m21).subtract(two.multiply(n).multiply(m11).multiply(m10))
                .subtract(n.multiply(m20).multiply(m01)).add(two.multiply(m10.pow(2)).multiply(m01));
        BigInteger a12 = n2.multiply(m12).subtract(two.multiply(n).multiply(m11).multiply(m01))
                .subtract(n.multiply(m02).multiply(m10)).add(two.multiply(m01.pow(2)).multiply(m10));
        // η2x = A2x / n^3, η3x = A3x / n^4.5; each Hu moment below is numerator / n^DENOMINATOR_POWER.
        BigInteger t0 = a30.add(a12);                       // (η30 + η12)·n^4.5
        BigInteger t1 = a21.add(a03);                       // (η21 + η03)·n^4.5
        BigInteger q0 = a30.subtract(three.multiply(a12));  // (η30 − 3η12)·n^4.5
        BigInteger q1 = three.multiply(a21).subtract(a03);  // (3η21 − η03)·n^4.5
        BigInteger t0sq = t0.multiply(t0);
        BigInteger t1sq = t1.multiply(t1);
        BigInteger d = a20.subtract(a02);
        BigInteger[] num = new BigInteger[7];
        num[0] = a20.add(a02);
        num[1] = d.multiply(d).add(BigInteger.valueOf(4).multiply(a11).multiply(a11));
        num[2] = q0.multiply(q0).add(q1.multiply(q1));
        num[3] = t0sq.add(t1sq);
        num[4] = q0.multiply(t0).multiply(t0sq.subtract(three.multiply(t1sq)))
                .add(q1.multiply(t1).multiply(three.multiply(t0sq).subtract(t1sq)));
        num[5] = d.multiply(t0sq.subtract(t1sq)).add(BigInteger.valueOf(4).multiply(a11).multiply(t0).multiply(t1));
        num[6] = q1.multiply(t0).multiply(t0sq.subtract(three.multiply(t1sq)))
                .subtract(q0.multiply(t1).multiply(three.multiply(t0sq).subtract(t1sq)));
        return new HuMoments(num, n.longValueExact());
    }

    /**
     * The raw moments m00, m10, m01, m20, m11, m02, m30, m21, m12, m03 in window coordinates (Hu
     * moments are translation invariant), exact: summed in longs, which hold them for any object
     * smaller than about 10 000 px a side, and again in {@link BigInteger} when a sum overflows.
     */
    static BigInteger[] rawMoments(Raster r) {
        try {
            return longMoments(r);
        } catch (ArithmeticException overflow) {
            return exactMoments(r);
        }
    }

    private static BigInteger[] longMoments(Raster r) {
        long[] m = new long[10];
        boolean[] inside = r.inside();
        int w = r.width();
        long[] row = new long[4];
        for (int y = 0; y < r.height(); y++) {
            if (!rowSums(inside, y, w, row)) {
                continue;
            }
            long y2 = (long) y * y;
            long y3 = y2 * y;
            m[0] = Math.addExact(m[0], row[0]);
            m[1] = Math.addExact(m[1], row[1]);
            m[2] = Math.addExact(m[2], Math.multiplyExact(y, row[0]));
            m[3] = Math.addExact(m[3], row[2]);
            m[4] = Math.addExact(m[4], Math.multiplyExact(y, row[1]));
            m[5] = Math.addExact(m[5], Math.multiplyExact(y2, row[0]));
            m[6] = Math.addExact(m[6], row[3]);
            m[7] = Math.addExact(m[7], Math.multiplyExact(y, row[2]));
            m[8] = Math.addExact(m[8], Math.multiplyExact(y2, row[1]));
            m[9] = Math.addExact(m[9], Math.multiplyExact(y3, row[0]));
        }
        BigInteger[] out = new BigInteger[10];
        for (int i = 0; i < 10; i++) {
            out[i] = BigInteger.valueOf(m[i]);
        }
        return out;
    }

    /** {@link #rawMoments} summed over rows in {@link BigInteger}: exact for every raster up to {@link #MAX_SIDE}. */
    static BigInteger[] exactMoments(Raster r) {
        BigInteger[] m = new BigInteger[10];
        java.util.Arrays.fill(m, BigInteger.ZERO);
        boolean[] inside = r.inside();
        int w = r.width();
        long[] row = new long[4];
        for (int y = 0; y < r.height(); y++) {
            if (!rowSums(inside, y, w, row)) {
                continue;
            }
            long y2 = (long) y * y;
            m[0] = m[0].add(BigInteger.valueOf(row[0]));
            m[1] = m[1].add(BigInteger.valueOf(row[1]));
            m[2] = m[2].add(BigInteger.valueOf(y * row[0]));
            m[3] = m[3].add(BigInteger.valueOf(row[2]));
            m[4] = m[4].add(BigInteger.valueOf(y * row[1]));
            m[5] = m[5].add(BigInteger.valueOf(y2 * row[0]));
            m[6] = m[6].add(BigInteger.valueOf(row[3]));
            m[7] = m[7].add(BigInteger.valueOf(y * row[2]));
            m[8] = m[8].add(BigInteger.valueOf(y2 * row[1]));
            m[9] = m[9].add(BigInteger.valueOf(y2 * y * row[0]));
        }
        return m;
    }

    /**
     * Σ 1, Σ x, Σ x², Σ x³ over the foreground of row y into {@code out}, in longs (a row's sums stay
     * below 2^63 for sides up to {@link #MAX_SIDE}, and so does each product with y^k); false when
     * the row is empty.
     */
    private static boolean rowSums(boolean[] inside, int y, int w, long[] out) {
        long s0 = 0;
        long s1 = 0;
        long s2 = 0;
        long s3 = 0;
        for (int x = 0; x < w; x++) {
            if (inside[y * w + x]) {
                long x2 = (long) x * x;
                s0++;
                s1 += x;
                s2 += x2;
                s3 += x2 * x;
            }
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
        return s0 != 0;
    }

    /** Hu moment k (1..7) as a double (may underflow to 0 for tiny values; use {@link #signedLog10}). */
    double value(int k) {
        BigInteger num = numerators[k - 1];
        if (num.signum() == 0) {
            return 0;
        }
        return num.signum() * Math.pow(10, log10Abs(k));
    }

    /**
     * sign(h)·log10|h| of Hu moment k (1..7), the usual log scaling; 0 when h is exactly 0 (the
     * transform has no limit there; see the class comment for when that happens).
     */
    double signedLog10(int k) {
        int sign = numerators[k - 1].signum();
        return sign == 0 ? 0 : sign * log10Abs(k);
    }

    private double log10Abs(int k) {
        return log10(numerators[k - 1].abs()) - DENOMINATOR_POWER[k - 1] * Math.log10(pixels);
    }

    private static double log10(BigInteger v) {
        int shift = Math.max(0, v.bitLength() - 62);
        return Math.log10(v.shiftRight(shift).doubleValue()) + shift * LOG10_2;
    }
}
