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
        // Raw moments in window coordinates (Hu moments are translation invariant), summed per row
        // in longs (a row's sums stay below 2^63 for sides <= MAX_SIDE) and over rows exactly.
        BigInteger m00 = BigInteger.ZERO;
        BigInteger m10 = BigInteger.ZERO;
        BigInteger m01 = BigInteger.ZERO;
        BigInteger m20 = BigInteger.ZERO;
        BigInteger m11 = BigInteger.ZERO;
        BigInteger m02 = BigInteger.ZERO;
        BigInteger m30 = BigInteger.ZERO;
        BigInteger m21 = BigInteger.ZERO;
        BigInteger m12 = BigInteger.ZERO;
        BigInteger m03 = BigInteger.ZERO;
        boolean[] inside = r.inside();
        int w = r.width();
        for (int y = 0; y < r.height(); y++) {
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
            if (s0 == 0) {
                continue;
            }
            long y2 = (long) y * y;
            m00 = m00.add(BigInteger.valueOf(s0));
            m10 = m10.add(BigInteger.valueOf(s1));
            m20 = m20.add(BigInteger.valueOf(s2));
            m30 = m30.add(BigInteger.valueOf(s3));
            m01 = m01.add(BigInteger.valueOf(y * s0));
            m11 = m11.add(BigInteger.valueOf(y * s1));
            m21 = m21.add(BigInteger.valueOf(y * s2));
            m02 = m02.add(BigInteger.valueOf(y2 * s0));
            m12 = m12.add(BigInteger.valueOf(y2 * s1));
            m03 = m03.add(BigInteger.valueOf(y2 * y * s0));
        }
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
