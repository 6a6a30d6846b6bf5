package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.core.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The edits of the copy-detection benchmark: each makes a copy of an image that a person would call
 * "the same picture", with its strength drawn from a seeded generator. Pixels are 8-bit RGB,
 * top-left origin; geometric edits sample bilinearly at pixel centres.
 */
enum ImageVariants {
    /** Gaussian blur, σ uniform in [1, 3] pixels (separable kernel, radius ⌈3σ⌉, edges clamped). */
    BLUR("blur σ 1-3") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            return blur(im, 1 + 2 * r.nextDouble());
        }
    },
    /** Keeps 70-90% of each side at a random offset (10-30% cropped), rescaled to the original size. */
    CROP("crop 10-30% + rescale") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            double keep = 1 - (0.1 + 0.2 * r.nextDouble());
            double cw = im.width() * keep;
            double ch = im.height() * keep;
            double x0 = r.nextDouble() * (im.width() - cw);
            double y0 = r.nextDouble() * (im.height() - ch);
            return sample(im, im.width(), im.height(), (x, y) -> new double[] {x0 + x * cw / im.width(), y0 + y * ch / im.height()});
        }
    },
    /** Brightness and contrast each scaled by a factor in ±(10-30)%: v' = (v − m)·c + m·b, m the mean grey. */
    BRIGHTNESS_CONTRAST("brightness/contrast ±30%") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            double b = 1 + sign(r) * (0.1 + 0.2 * r.nextDouble());
            double c = 1 + sign(r) * (0.1 + 0.2 * r.nextDouble());
            byte[] rgb = im.rgb();
            double mean = 0;
            for (byte v : rgb) {
                mean += v & 0xFF;
            }
            mean /= rgb.length;
            byte[] out = new byte[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                out[i] = clamp(((rgb[i] & 0xFF) - mean) * c + mean * b);
            }
            return of(im, out);
        }
    },
    /** Every pixel's hue turned by ±(20-60)° (HSV), saturation and value kept. */
    HUE("hue shift ±20-60°") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            float shift = (float) (sign(r) * (20 + 40 * r.nextDouble()) / 360);
            byte[] rgb = im.rgb();
            byte[] out = new byte[rgb.length];
            float[] hsb = new float[3];
            for (int i = 0; i < rgb.length; i += 3) {
                java.awt.Color.RGBtoHSB(rgb[i] & 0xFF, rgb[i + 1] & 0xFF, rgb[i + 2] & 0xFF, hsb);
                int c = java.awt.Color.HSBtoRGB(hsb[0] + shift, hsb[1], hsb[2]);
                out[i] = (byte) (c >> 16);
                out[i + 1] = (byte) (c >> 8);
                out[i + 2] = (byte) c;
            }
            return of(im, out);
        }
    },
    /** Re-encoded as JPEG at quality 30 (the JDK's encoder) and decoded again. */
    JPEG("JPEG quality 30") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            return jpeg(im, 0.3f);
        }
    },
    /** Mirrored left to right. */
    FLIP("horizontal flip") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            return sample(im, im.width(), im.height(), (x, y) -> new double[] {im.width() - x, y});
        }
    },
    /** Turned by ±(3-10)° about the centre, scaled up just enough that no corner is empty. */
    ROTATE("rotation ±3-10°") {
        @Override
        PixelImage apply(PixelImage im, SplittableRandom r) {
            double a = Math.toRadians(sign(r) * (3 + 7 * r.nextDouble()));
            double w = im.width();
            double h = im.height();
            // The largest w x h-shaped rectangle inside the rotated image is the original shrunk by this factor.
            double zoom = 1 / (Math.cos(Math.abs(a)) + Math.sin(Math.abs(a)) * Math.max(w / h, h / w));
            double cos = Math.cos(a) * zoom;
            double sin = Math.sin(a) * zoom;
            return sample(im, im.width(), im.height(), (x, y) -> {
                double dx = x - w / 2;
                double dy = y - h / 2;
                return new double[] {w / 2 + cos * dx - sin * dy, h / 2 + sin * dx + cos * dy};
            });
        }
    };

    private final String title;

    ImageVariants(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }

    /** The edited copy; {@code r} draws the strength. */
    abstract PixelImage apply(PixelImage image, SplittableRandom r);

    private interface Mapping {
        /** Source coordinates (continuous, pixel centres at +0.5) of the target position (x, y). */
        double[] source(double x, double y);
    }

    private static double sign(SplittableRandom r) {
        return r.nextBoolean() ? 1 : -1;
    }

    private static byte clamp(double v) {
        return (byte) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static PixelImage of(PixelImage like, byte[] rgb) {
        return new PixelImage(like.width(), like.height(), rgb, 3, 8, false);
    }

    private static PixelImage sample(PixelImage im, int w, int h, Mapping m) {
        byte[] src = im.rgb();
        int sw = im.width();
        int sh = im.height();
        byte[] out = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] s = m.source(x + 0.5, y + 0.5);
                double fx = Math.max(0, Math.min(sw - 1, s[0] - 0.5));
                double fy = Math.max(0, Math.min(sh - 1, s[1] - 0.5));
                int x0 = (int) fx;
                int y0 = (int) fy;
                int x1 = Math.min(sw - 1, x0 + 1);
                int y1 = Math.min(sh - 1, y0 + 1);
                double ax = fx - x0;
                double ay = fy - y0;
                for (int c = 0; c < 3; c++) {
                    double top = (src[3 * (y0 * sw + x0) + c] & 0xFF) * (1 - ax) + (src[3 * (y0 * sw + x1) + c] & 0xFF) * ax;
                    double bottom = (src[3 * (y1 * sw + x0) + c] & 0xFF) * (1 - ax) + (src[3 * (y1 * sw + x1) + c] & 0xFF) * ax;
                    out[3 * (y * w + x) + c] = clamp(top * (1 - ay) + bottom * ay);
                }
            }
        }
        return new PixelImage(w, h, out, 3, 8, false);
    }

    static PixelImage blur(PixelImage im, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        int w = im.width();
        int h = im.height();
        byte[] src = im.rgb();
        double[] tmp = new double[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int i = -radius; i <= radius; i++) {
                        int xx = Math.max(0, Math.min(w - 1, x + i));
                        v += k[i + radius] * (src[3 * (y * w + xx) + c] & 0xFF);
                    }
                    tmp[3 * (y * w + x) + c] = v;
                }
            }
        }
        byte[] out = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int i = -radius; i <= radius; i++) {
                        int yy = Math.max(0, Math.min(h - 1, y + i));
                        v += k[i + radius] * tmp[3 * (yy * w + x) + c];
                    }
                    out[3 * (y * w + x) + c] = clamp(v);
                }
            }
        }
        return of(im, out);
    }

    static PixelImage jpeg(PixelImage im, float quality) {
        BufferedImage b = new BufferedImage(im.width(), im.height(), BufferedImage.TYPE_INT_RGB);
        byte[] rgb = im.rgb();
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < im.width(); x++) {
                int i = 3 * (y * im.width() + x);
                b.setRGB(x, y, (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.setOutput(out);
            writer.write(null, new IIOImage(b, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        try {
            return ImageDecoder.decode(bytes.toByteArray(), "variant.jpg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
