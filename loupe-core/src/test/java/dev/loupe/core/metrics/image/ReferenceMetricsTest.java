package dev.loupe.core.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.PixelImage;
import dev.loupe.core.image.ImageDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every image metric against the Python references in shared/reference/image-metrics (Encord
 * Active, CleanVision, imagehash on Pillow 9.4 decodes), on every image of the three datasets.
 */
class ReferenceMetricsTest {
    /** Pixel-exact formulas: ImageIO decodes these JPEGs bit-identically to Pillow. */
    private static final double EXACT = 1e-9;
    /**
     * classification/cat/7.jpg: ImageIO's libjpeg and Pillow's libjpeg-turbo differ by up to 2 grey
     * levels there, so its values are only close: within 2% of max(|expected|, 1), i.e. relative
     * for large values and absolute 0.02 for fractions and [0, 1] values (the HSV box fractions move
     * most: red by 0.011, blue by 0.0026, as pixels cross the box thresholds). Its decoded pixels'
     * MD5 necessarily differs from the reference's and is not compared.
     */
    private static final double CAT7 = 0.02;
    private static final String CAT7_PATH = "cat/7.jpg";

    private static final Map<String, ImageMetric> NUMERIC = new LinkedHashMap<>();
    private static final Map<String, ImageHashMetric> HASHES = new LinkedHashMap<>();
    private static final PixelHash PIXEL_HASH = new PixelHash();

    static {
        NUMERIC.put("width", new ImageWidth());
        NUMERIC.put("height", new ImageHeight());
        NUMERIC.put("ea_brightness", new Brightness());
        NUMERIC.put("ea_contrast", new Contrast());
        NUMERIC.put("ea_sharpness", new Sharpness());
        NUMERIC.put("ea_red", new RedFraction());
        NUMERIC.put("ea_green", new GreenFraction());
        NUMERIC.put("ea_blue", new BlueFraction());
        NUMERIC.put("cv_brightness", new PerceivedBrightness());
        NUMERIC.put("cv_brightness_perc_5", new PerceivedBrightnessP5());
        NUMERIC.put("cv_brightness_perc_99", new PerceivedBrightnessP99());
        NUMERIC.put("cv_blurriness", new BlurrinessCleanVision());
        NUMERIC.put("cv_grayscale_std", new GreyHistStd());
        NUMERIC.put("cv_entropy", new Entropy());
        NUMERIC.put("lapvar_gray", new SharpnessGrey());
        HASHES.put("phash8", new PHash());
        HASHES.put("dhash8", new DHash());
    }

    static Path shared() {
        return Path.of(System.getProperty("loupe.shared", "/work/shared"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bccd, data/bccd/BCCD/JPEGImages",
        "ea_classification, data/encord-examples/classification",
        "ea_video_frames, data/encord-examples/video_frames_boxes_masks/JPEGImages"})
    void everyMetricMatchesTheReferenceOnEveryImage(String dataset, String folder) throws IOException {
        Path ref = shared().resolve("reference/image-metrics");
        List<Map<String, String>> metrics = readCsv(ref.resolve(dataset + "_metrics.csv"));
        Map<String, Map<String, String>> hashes = new HashMap<>();
        for (Map<String, String> row : readCsv(ref.resolve(dataset + "_hashes.csv"))) {
            hashes.put(row.get("path"), row);
        }
        Map<String, Double> worst = new LinkedHashMap<>();
        Map<String, String> worstAt = new HashMap<>();
        Map<String, Integer> worstHamming = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Set<String>> byReference = new HashMap<>();
        Map<String, Set<String>> byPixelHash = new HashMap<>();
        for (Map<String, String> row : metrics) {
            String path = row.get("path");
            PixelImage px = ImageDecoder.decode(shared().resolve(folder).resolve(path));
            TestImages.Ctx ctx = new TestImages.Ctx(px, 0, path, List.of());
            boolean cat7 = path.equals(CAT7_PATH);
            for (Map.Entry<String, ImageMetric> e : NUMERIC.entrySet()) {
                double expected = Double.parseDouble(row.get(e.getKey()));
                double actual = e.getValue().compute(ctx);
                double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12);
                if (Math.abs(actual - expected) <= 1e-12) {
                    rel = 0;
                }
                String column = e.getKey() + (cat7 ? " (cat/7)" : "");
                if (rel > worst.getOrDefault(column, -1.0)) {
                    worst.put(column, rel);
                    worstAt.put(column, path);
                }
                boolean ok = cat7
                        ? Math.abs(actual - expected) <= CAT7 * Math.max(Math.abs(expected), 1)
                        : rel <= EXACT;
                if (!ok) {
                    failures.add(path + " " + e.getKey() + ": expected " + expected + ", got " + actual);
                }
            }
            Map<String, String> hashRow = hashes.get(path);
            // The decode itself: MD5 of the decoded RGB bytes as the reference computed it from Pillow.
            String md5 = HexFormat.of().formatHex(md5(px.rgb()));
            if (!cat7 && !md5.equals(hashRow.get("md5_pixels"))) {
                failures.add(path + " decoded pixels differ from Pillow's: MD5 " + md5);
            }
            // image.pixel_hash must group the images exactly as the reference's pixel MD5 does.
            byReference.computeIfAbsent(hashRow.get("md5_pixels"), k -> new TreeSet<>()).add(path);
            byPixelHash.computeIfAbsent(PIXEL_HASH.compute(ctx), k -> new TreeSet<>()).add(path);
            for (Map.Entry<String, ImageHashMetric> e : HASHES.entrySet()) {
                String expected = hashRow.get(e.getKey());
                String actual = e.getValue().compute(ctx);
                String column = e.getKey() + (cat7 ? " (cat/7)" : "");
                int distance = hamming(expected, actual);
                worstHamming.merge(column, distance, Math::max);
                // Exact everywhere; on cat/7 the perceptual hashes may move by <= 4 bits.
                boolean ok = cat7 ? distance <= 4 : distance == 0;
                if (!ok) {
                    failures.add(path + " " + e.getKey() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        StringBuilder report = new StringBuilder("worst relative deviation per column on " + dataset + ":\n");
        worst.forEach((c, v) -> report.append(String.format(Locale.ROOT, "  %-32s %.3e  (%s)%n", c, v, worstAt.get(c))));
        worstHamming.forEach((c, v) -> report.append(String.format(Locale.ROOT, "  %-32s Hamming %d%n", c, v)));
        System.out.print(report);
        assertThat(failures).as(report.toString()).isEmpty();
        assertThat(new HashSet<>(byPixelHash.values())).isEqualTo(new HashSet<>(byReference.values()));
        assertThat(byPixelHash).hasSize(metrics.size());
    }

    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** Bits that differ between two hex strings of equal length (all bits when lengths differ). */
    static int hamming(String a, String b) {
        if (a.length() != b.length()) {
            return 4 * Math.max(a.length(), b.length());
        }
        int d = 0;
        for (int i = 0; i < a.length(); i++) {
            d += Integer.bitCount(Character.digit(a.charAt(i), 16) ^ Character.digit(b.charAt(i), 16));
        }
        return d;
    }

    static List<Map<String, String>> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
