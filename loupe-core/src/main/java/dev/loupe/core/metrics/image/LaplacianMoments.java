package dev.loupe.core.metrics.image;

import dev.loupe.api.PixelImage;

/**
 * Sum and sum of squares of the 3x3 Laplacian [0 1 0; 1 −4 1; 0 1 0] of an interleaved 8-bit
 * image, each channel filtered on its own with OpenCV's default border (reflect-101: row −1 reads
 * row 1; a 1-pixel side reads itself), as {@code cv2.Laplacian(img, cv2.CV_64F)} computes it. All
 * arithmetic is exact (integers).
 *
 * @param count number of values (width × height × channels)
 * @param sum   sum of the Laplacian values
 * @param sumSq sum of their squares
 */
record LaplacianMoments(long count, long sum, long sumSq) {
    static LaplacianMoments rgb(PixelImage image) {
        return image.derived("laplacian3.moments.rgb",
                img -> compute(img.rgb(), img.width(), img.height(), 3));
    }

    static LaplacianMoments grey(PixelImage image) {
        return image.derived("laplacian3.moments.grey.opencv",
                img -> compute(img.grey(), img.width(), img.height(), 1));
    }

    /** Population variance of the values (numpy's {@code var()}). */
    double variance() {
        double mean = (double) sum / count;
        return Math.max(0, (double) sumSq / count - mean * mean);
    }

    static LaplacianMoments compute(byte[] px, int w, int h, int cn) {
        long sum = 0;
        long sumSq = 0;
        int stride = w * cn;
        for (int y = 0; y < h; y++) {
            int row = y * stride;
            int up = reflect101(y - 1, h) * stride - row;
            int down = reflect101(y + 1, h) * stride - row;
            // Interior columns: the horizontal neighbours are the plain ±cn bytes. Chunks of at most
            // 2048 values keep the int sum of squares (each ≤ 1020²) from overflowing.
            int end = row + stride - cn;
            for (int from = row + cn; from < end; from += 2048) {
                int to = Math.min(end, from + 2048);
                int s = 0;
                int sq = 0;
                for (int i = from; i < to; i++) {
                    int l = (px[i - cn] & 0xFF) + (px[i + cn] & 0xFF) + (px[i + up] & 0xFF) + (px[i + down] & 0xFF)
                            - 4 * (px[i] & 0xFF);
                    s += l;
                    sq += l * l;
                }
                sum += s;
                sumSq += sq & 0xFFFFFFFFL;
            }
            for (int x = 0; x < w; x += Math.max(1, w - 1)) {
                int left = reflect101(x - 1, w) * cn;
                int right = reflect101(x + 1, w) * cn;
                for (int c = 0; c < cn; c++) {
                    int i = row + x * cn + c;
                    int l = (px[row + left + c] & 0xFF) + (px[row + right + c] & 0xFF)
                            + (px[i + up] & 0xFF) + (px[i + down] & 0xFF) - 4 * (px[i] & 0xFF);
                    sum += l;
                    sumSq += l * l;
                }
            }
        }
        return new LaplacianMoments((long) w * h * cn, sum, sumSq);
    }

    /** OpenCV BORDER_REFLECT_101 for an index at most one outside [0, n). */
    static int reflect101(int i, int n) {
        if (n == 1) {
            return 0;
        }
        if (i < 0) {
            return -i;
        }
        return i >= n ? 2 * n - 2 - i : i;
    }
}
