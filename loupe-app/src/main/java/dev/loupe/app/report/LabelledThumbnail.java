package dev.loupe.app.report;

import dev.loupe.core.image.ImageFolder;
import dev.loupe.store.browse.Shape;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * A small JPEG of an image with its labels drawn in their class colours, as a {@code data:} URI:
 * boxes and polygons outlined, masks filled translucently, image-level labels written in a corner.
 * One annotation may be highlighted (drawn thicker, the others thinner). Only regular files inside
 * the images folder are read (no symbolic links, no path out of it); images above
 * {@link #MAX_PIXELS} are not decoded.
 */
final class LabelledThumbnail {
    /** Larger images are left out of the report (their header says how big they are). */
    static final long MAX_PIXELS = 100_000_000L;

    private LabelledThumbnail() {
    }

    /**
     * The thumbnail, or null when the file cannot be read (outside the images folder, missing, too
     * large, not an image).
     *
     * @param names     class id to name, for image-level labels
     * @param highlight the annotation to stand out, or null
     * @param side      the longest side in pixels
     */
    static String dataUri(Path imagesRoot, String path, List<Shape> shapes, Map<Integer, String> names, Long highlight,
                          int side) {
        try {
            Decoded d = read(imagesRoot, path, side);
            if (d == null) {
                return null;
            }
            double scale = Math.min(1.0, (double) side / Math.max(d.width(), d.height()));
            int w = Math.max(1, (int) Math.round(d.width() * scale));
            int h = Math.max(1, (int) Math.round(d.height() * scale));
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.drawImage(d.image(), 0, 0, w, h, null);
            draw(g, out, shapes, names, highlight, scale);
            g.dispose();
            return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(out));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private record Decoded(BufferedImage image, int width, int height) {
    }

    /**
     * Decodes a regular file under the images folder (found as the server finds it: ImageFolder
     * refuses '..', absolute paths and links out of the folder), subsampled to about twice the
     * thumbnail size.
     */
    private static Decoded read(Path imagesRoot, String path, int side) throws IOException {
        Path file = new ImageFolder(imagesRoot).locate(path);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    return null;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, Math.max(width, height) / (2 * side));
                param.setSourceSubsampling(step, step, 0, 0);
                return new Decoded(reader.read(0, param), width, height);
            } finally {
                reader.dispose();
            }
        }
    }

    private static void draw(Graphics2D g, BufferedImage out, List<Shape> shapes, Map<Integer, String> names, Long highlight,
                             double scale) {
        int labelRow = 0;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        for (Shape s : shapes) {
            boolean strong = highlight == null || highlight == s.id();
            Color colour = ClassColours.awt(s.categoryId());
            if (s.box() == null) {
                String name = s.categoryId() == null ? "?" : names.getOrDefault(s.categoryId(), "?");
                int y = 14 + 15 * labelRow++;
                g.setColor(new Color(0, 0, 0, 150));
                g.fillRect(2, y - 11, g.getFontMetrics().stringWidth(name) + 6, 14);
                g.setColor(colour);
                g.drawString(name, 5, y);
                continue;
            }
            if (s.maskCounts() != null) {
                fillMask(out, s, colour, scale, strong ? 0.45f : 0.2f);
            }
            g.setStroke(new BasicStroke(strong ? (highlight == null ? 1.5f : 3f) : 1f));
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, strong ? 1f : 0.45f));
            if (strong && highlight != null) {
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(5f));
                outline(g, s, scale);
                g.setStroke(new BasicStroke(3f));
            }
            g.setColor(colour);
            outline(g, s, scale);
            g.setComposite(AlphaComposite.SrcOver);
        }
    }

    private static void outline(Graphics2D g, Shape s, double scale) {
        if (s.rings() != null && !s.rings().isEmpty()) {
            for (double[] ring : s.rings()) {
                Path2D.Double p = new Path2D.Double();
                for (int i = 0; i + 1 < ring.length; i += 2) {
                    if (i == 0) {
                        p.moveTo(ring[i] * scale, ring[i + 1] * scale);
                    } else {
                        p.lineTo(ring[i] * scale, ring[i + 1] * scale);
                    }
                }
                p.closePath();
                g.draw(p);
            }
            return;
        }
        double[] b = s.box();
        g.draw(new java.awt.geom.Rectangle2D.Double(b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale));
    }

    /** Paints a mask's foreground (uncompressed COCO RLE, column-major) over the thumbnail. */
    private static void fillMask(BufferedImage out, Shape s, Color colour, double scale, float alpha) {
        int mh = s.maskHeight();
        int[] counts = s.maskCounts();
        long pos = 0;
        boolean on = false;
        int w = out.getWidth();
        int h = out.getHeight();
        for (int run : counts) {
            if (on) {
                for (long p = pos; p < pos + run; p++) {
                    int col = (int) (p / mh);
                    int row = (int) (p % mh);
                    int x = (int) (col * scale);
                    int y = (int) (row * scale);
                    if (x < w && y < h) {
                        out.setRGB(x, y, blend(out.getRGB(x, y), colour, alpha));
                    }
                }
            }
            pos += run;
            on = !on;
        }
    }

    private static int blend(int rgb, Color c, float alpha) {
        int r = (int) (((rgb >> 16) & 0xff) * (1 - alpha) + c.getRed() * alpha);
        int g = (int) (((rgb >> 8) & 0xff) * (1 - alpha) + c.getGreen() * alpha);
        int b = (int) ((rgb & 0xff) * (1 - alpha) + c.getBlue() * alpha);
        return (r << 16) | (g << 8) | b;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
