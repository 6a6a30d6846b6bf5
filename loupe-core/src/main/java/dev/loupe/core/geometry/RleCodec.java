package dev.loupe.core.geometry;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Conversions between {@link Rle} and other mask representations, exactly as maskApi.c's
 * rleEncode, rleDecode, rleToString and rleFrString.
 *
 * <p>Pixel arrays are {@code height * width} long. "Column-major" arrays (COCO / Fortran order)
 * are indexed {@code column * height + row}; "row-major" arrays (Java images) are indexed
 * {@code row * width + column}. In byte masks any non-zero byte is foreground, which is what
 * rleEncode does for masks whose values are in {0, v}.
 */
public final class RleCodec {
    /** A run count needs at most 7 characters of 5 bits for any delta that fits in 32 bits. */
    private static final int MAX_CHARS_PER_COUNT = 7;

    private RleCodec() {
    }

    /**
     * The COCO compressed string (rleToString): each count, minus the count two places earlier
     * for index &gt; 2, written as a little-endian sequence of 5-bit groups, one character per group
     * (value + 48, so '0'..'o'); bit 0x20 means "more groups follow"; the sign is bit 0x10 of the
     * last group.
     */
    public static String toCocoString(Rle rle) {
        int[] cnts = rle.countsRef();
        StringBuilder s = new StringBuilder(cnts.length * 2);
        for (int i = 0; i < cnts.length; i++) {
            long x = cnts[i];
            if (i > 2) {
                x -= cnts[i - 2];
            }
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                s.append((char) (c + 48));
            }
        }
        return s.toString();
    }

    /**
     * Parses a COCO compressed string (rleFrString) for a {@code height x width} mask.
     *
     * @throws IllegalArgumentException if the string is null, contains a character outside
     *                                  '0'..'o', ends inside a count, has a count longer than 7
     *                                  characters, decodes to a negative count, or its counts do not
     *                                  sum to height*width (maskApi would accept such input silently)
     */
    public static Rle fromCocoString(String s, int height, int width) {
        Rle.checkSize(height, width);
        if (s == null) {
            throw new IllegalArgumentException("RLE string must not be null");
        }
        long pixels = (long) height * width;
        IntList cnts = new IntList(s.length());
        long total = 0;
        int p = 0;
        while (p < s.length()) {
            int start = p;
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException("RLE string ends inside the count that starts at position "
                            + start);
                }
                if (k == MAX_CHARS_PER_COUNT) {
                    throw new IllegalArgumentException("RLE string has a count longer than " + MAX_CHARS_PER_COUNT
                            + " characters at position " + start);
                }
                char ch = s.charAt(p);
                if (ch < '0' || ch > 'o') {
                    throw new IllegalArgumentException("RLE string has invalid character '" + ch + "' (code "
                            + (int) ch + ") at position " + p + "; expected '0'..'o'");
                }
                int c = ch - 48;
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            int m = cnts.size();
            if (m > 2) {
                x += cnts.get(m - 2);
            }
            if (x < 0 || x > pixels - total) {
                throw new IllegalArgumentException("RLE string: run " + m + " (at position " + start + ") decodes to "
                        + x + ", but only " + (pixels - total) + " of the " + height + "x" + width
                        + " pixels remain");
            }
            total += x;
            cnts.add((int) x);
        }
        if (total != pixels) {
            throw new IllegalArgumentException("RLE string: counts sum to " + total + " but a " + height + "x"
                    + width + " mask has " + pixels + " pixels");
        }
        return new Rle(height, width, cnts.toArray());
    }

    /**
     * An RLE from COCO's uncompressed form ({"counts": [...], "size": [h, w]}).
     *
     * @throws IllegalArgumentException as {@link Rle#Rle(int, int, int[])}
     */
    public static Rle fromUncompressed(int height, int width, int[] counts) {
        return new Rle(height, width, counts);
    }

    /** rleEncode of a column-major mask (true = foreground). */
    public static Rle encode(boolean[] columnMajor, int height, int width) {
        checkLength(columnMajor == null ? -1 : columnMajor.length, height, width);
        return encode(height, width, j -> columnMajor[j]);
    }

    /** rleEncode of a column-major mask (non-zero = foreground). */
    public static Rle encode(byte[] columnMajor, int height, int width) {
        checkLength(columnMajor == null ? -1 : columnMajor.length, height, width);
        return encode(height, width, j -> columnMajor[j] != 0);
    }

    /** rleEncode of a row-major mask (true = foreground), as Java images are stored. */
    public static Rle encodeRowMajor(boolean[] rowMajor, int height, int width) {
        checkLength(rowMajor == null ? -1 : rowMajor.length, height, width);
        return encode(height, width, j -> rowMajor[(j % height) * width + j / height]);
    }

    /** rleEncode of a row-major mask (non-zero = foreground), as Java images are stored. */
    public static Rle encodeRowMajor(byte[] rowMajor, int height, int width) {
        checkLength(rowMajor == null ? -1 : rowMajor.length, height, width);
        return encode(height, width, j -> rowMajor[(j % height) * width + j / height] != 0);
    }

    /** rleDecode: the mask as 0/1 bytes in column-major order. */
    public static byte[] decode(Rle rle) {
        byte[] mask = new byte[rle.pixelCount()];
        int[] cnts = rle.countsRef();
        int pos = 0;
        for (int j = 0; j < cnts.length; j++) {
            if (j % 2 == 1) {
                Arrays.fill(mask, pos, pos + cnts[j], (byte) 1);
            }
            pos += cnts[j];
        }
        return mask;
    }

    /** The mask as 0/1 bytes in row-major order (index row * width + column). */
    public static byte[] decodeRowMajor(Rle rle) {
        byte[] col = decode(rle);
        int h = rle.height();
        int w = rle.width();
        byte[] row = new byte[col.length];
        for (int c = 0; c < w; c++) {
            for (int r = 0; r < h; r++) {
                row[r * w + c] = col[c * h + r];
            }
        }
        return row;
    }

    private static Rle encode(int height, int width, IntPredicate foregroundAt) {
        int a = height * width;
        IntList cnts = new IntList(16);
        boolean p = false;
        int c = 0;
        for (int j = 0; j < a; j++) {
            boolean t = foregroundAt.test(j);
            if (t != p) {
                cnts.add(c);
                c = 0;
                p = t;
            }
            c++;
        }
        cnts.add(c);
        return new Rle(height, width, cnts.toArray());
    }

    private static void checkLength(int length, int height, int width) {
        Rle.checkSize(height, width);
        if (length < 0) {
            throw new IllegalArgumentException("mask must not be null");
        }
        if (length != height * width) {
            throw new IllegalArgumentException("mask has " + length + " pixels but " + height + "x" + width + " = "
                    + height * width + " were expected");
        }
    }
}
