package dev.loupe.core.geometry;

import java.util.Arrays;

/**
 * Test oracle: a line-by-line transcription of maskApi.c's rleFrPoly with its intermediate
 * arrays (u, v, x, y, a, b), against which the streaming {@link Rasterizer} is compared.
 */
final class FrPolyReference {
    private FrPolyReference() {
    }

    static int[] counts(double[] xy, int h, int w) {
        int k = xy.length / 2;
        double scale = 5;
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = (int) (scale * xy[j * 2] + .5);
        }
        x[k] = x[0];
        for (int j = 0; j < k; j++) {
            y[j] = (int) (scale * xy[j * 2 + 1] + .5);
        }
        y[k] = y[0];
        int m = 0;
        for (int j = 0; j < k; j++) {
            m += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;
        }
        int[] u = new int[m];
        int[] v = new int[m];
        m = 0;
        for (int j = 0; j < k; j++) {
            int xs = x[j];
            int xe = x[j + 1];
            int ys = y[j];
            int ye = y[j + 1];
            int dx = Math.abs(xe - xs);
            int dy = Math.abs(ys - ye);
            int t;
            boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) {
                t = xs;
                xs = xe;
                xe = t;
                t = ys;
                ys = ye;
                ye = t;
            }
            double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
            if (dx >= dy) {
                for (int d = 0; d <= dx; d++) {
                    t = flip ? dx - d : d;
                    u[m] = t + xs;
                    v[m] = (int) (ys + s * t + .5);
                    m++;
                }
            } else {
                for (int d = 0; d <= dy; d++) {
                    t = flip ? dy - d : d;
                    v[m] = t + ys;
                    u[m] = (int) (xs + s * t + .5);
                    m++;
                }
            }
        }
        k = m;
        m = 0;
        x = new int[k];
        y = new int[k];
        for (int j = 1; j < k; j++) {
            if (u[j] != u[j - 1]) {
                double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
                xd = (xd + .5) / scale - .5;
                if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
                    continue;
                }
                double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
                yd = (yd + .5) / scale - .5;
                if (yd < 0) {
                    yd = 0;
                } else if (yd > h) {
                    yd = h;
                }
                yd = Math.ceil(yd);
                x[m] = (int) xd;
                y[m] = (int) yd;
                m++;
            }
        }
        k = m;
        int[] a = new int[k + 1];
        for (int j = 0; j < k; j++) {
            a[j] = x[j] * h + y[j];
        }
        a[k++] = h * w;
        Arrays.sort(a);
        int p = 0;
        for (int j = 0; j < k; j++) {
            int t = a[j];
            a[j] -= p;
            p = t;
        }
        int[] b = new int[k];
        int j = 0;
        m = 0;
        b[m++] = a[j++];
        while (j < k) {
            if (a[j] > 0) {
                b[m++] = a[j++];
            } else {
                j++;
                if (j < k) {
                    b[m - 1] += a[j++];
                }
            }
        }
        return Arrays.copyOf(b, m);
    }
}
