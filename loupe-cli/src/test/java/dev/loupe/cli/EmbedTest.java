package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'loupe embed' and 'loupe similar' on real data: resume after kill -9, stored metrics, similarity of edited copies. */
class EmbedTest {
    static final Path VOC = CliRun.shared().resolve("data/voc100");
    static final Path BCCD = CliRun.shared().resolve("data/bccd/BCCD");
    static final Pattern SAVED = Pattern.compile("embed: \\d+/364 .*, (\\d+) saved");

    @TempDir
    Path tmp;

    static {
        System.setProperty("loupe.plainProgress", "true");
    }

    private Path initVoc(String name) {
        Path project = tmp.resolve(name);
        CliRun init = CliRun.of("init", project.toString(), "--images", VOC.resolve("images").toString(),
                "--coco", VOC.resolve("gts/coco_format_v1/instances_default.json").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        return project;
    }

    static long count(Path project, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("loupe.duckdb").toAbsolutePath());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void embedStoresTheIndexOfASetAboveTheExactLimitSoSimilarFindsItBuilt() {
        Path voc = CliRun.shared().resolve("data/voc100");
        Path project = tmp.resolve("voc");
        assertThat(CliRun.of("init", project.toString(), "--images", voc.resolve("images").toString(), "--coco",
                voc.resolve("gts/coco_format_v1/instances_default.json").toString()).exitCode()).isZero();
        System.setProperty("loupe.knn.exact-limit", "50");
        try {
            CliRun embed = CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects");
            assertThat(embed.exitCode()).as(embed.err()).isZero();
            assertThat(embed.out()).contains("k-NN index of the images vectors stored in " + project.resolve("index"));
            assertThat(embed.err()).contains("building");
            assertThat(project.resolve("index/images-model-1")).isDirectory();
            CliRun similar = CliRun.of("similar", project.toString(), "1", "-k", "3", "--model", "fallback");
            assertThat(similar.exitCode()).as(similar.err()).isZero();
            assertThat(similar.err()).as("the stored index is current: nothing to build").doesNotContain("building");
        } finally {
            System.clearProperty("loupe.knn.exact-limit");
        }
    }

    @Test
    void secondPhaseShowsProgressAndIsSkippedWhenModelVectorsAndLabelsAreUnchanged() throws Exception {
        Path project = initVoc("voc");
        CliRun first = CliRun.of("embed", project.toString(), "--model", "fallback");
        assertThat(first.exitCode()).as(first.err()).isZero();
        // 100 images and 273 objects: 373 rows searched for their neighbours
        assertThat(first.err()).contains("embed: neighbours: 373/373 rows (100%)");
        assertThat(first.out()).contains("annotation quality and the 2-D map in").contains("Lowest annotation quality");
        long runs = count(project, "SELECT count(*) FROM runs WHERE parameters LIKE '%\"source\":\"embeddings\"%'");
        assertThat(runs).isEqualTo(1);

        CliRun again = CliRun.of("embed", project.toString(), "--model", "fallback");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Embedded 0 of 100 images")
                .contains("are up to date (fallback-hist-dct@1, the same 100 image and 273 object vectors and labels): skipped")
                .doesNotContain("Lowest annotation quality");
        assertThat(again.err()).doesNotContain("neighbours");
        assertThat(count(project, "SELECT count(*) FROM runs WHERE parameters LIKE '%\"source\":\"embeddings\"%'")).isEqualTo(runs);

        // A changed label changes what annotation quality means: the phase runs again.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + project.resolve("loupe.duckdb").toAbsolutePath());
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE annotations SET category_id = (SELECT max(id) FROM categories WHERE id <> "
                    + "(SELECT category_id FROM annotations WHERE id = 1)) WHERE id = 1");
        }
        CliRun relabelled = CliRun.of("embed", project.toString(), "--model", "fallback");
        assertThat(relabelled.exitCode()).as(relabelled.err()).isZero();
        assertThat(relabelled.out()).contains("annotation quality and the 2-D map in").doesNotContain("up to date");
        assertThat(count(project, "SELECT count(*) FROM runs WHERE parameters LIKE '%\"source\":\"embeddings\"%'")).isEqualTo(runs + 1);
    }

    @Test
    void similarReadsTheFlatVectorFileEmbedWroteAndGivesTheSameAnswerFromTheProjectWithoutIt() throws Exception {
        Path project = initVoc("voc");
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects").exitCode()).isZero();
        Path flat = project.resolve("index/images-model-1.vectors");
        String key = dev.loupe.knn.FlatVectors.key(flat);
        assertThat(key).startsWith("1/fallback-hist-dct@1/127/100/");
        // magic (10 bytes), key length and key, n, d, square-rooted flag, then 100 x 127 floats
        assertThat(flat).hasSize(10 + 4 + key.length() + 9 + 100 * 127 * 4L);
        CliRun fromFile = CliRun.of("similar", project.toString(), "7", "-k", "6", "--model", "fallback");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        Files.delete(flat);
        CliRun fromStore = CliRun.of("similar", project.toString(), "7", "-k", "6", "--model", "fallback");
        assertThat(fromStore.out()).isEqualTo(fromFile.out()).contains("  6  ");
        Files.write(flat, "not a vector file".getBytes(StandardCharsets.UTF_8));
        assertThat(CliRun.of("similar", project.toString(), "7", "-k", "6", "--model", "fallback").out()).isEqualTo(fromFile.out());
        // A second embed finds the file stale and writes it again.
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects").exitCode()).isZero();
        assertThat(dev.loupe.knn.FlatVectors.key(flat)).isEqualTo(key);
    }

    @Test
    void killedEmbedResumesWithoutRecomputingHolesOrDuplicates() throws Exception {
        Path project = tmp.resolve("bccd");
        assertThat(CliRun.of("init", project.toString(), "--images", BCCD.resolve("JPEGImages").toString(), "--voc",
                BCCD.toString()).exitCode()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Dloupe.plainProgress=true", "-cp", System.getProperty("java.class.path"),
                Loupe.class.getName(), "embed", project.toString(), "--model", "fallback", "--no-objects", "--threads", "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long savedBeforeKill = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = SAVED.matcher(line);
                if (m.find() && Long.parseLong(m.group(1)) > 0 && Long.parseLong(m.group(1)) < 300) {
                    savedBeforeKill = Long.parseLong(m.group(1));
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
                    break;
                }
            }
        }
        p.waitFor(1, TimeUnit.MINUTES);
        assertThat(savedBeforeKill).as("killed after a committed batch").isPositive();
        long stored = count(project, "SELECT count(*) FROM image_embeddings");
        assertThat(stored).isGreaterThanOrEqualTo(savedBeforeKill).isLessThan(364);
        assertThat(count(project, "SELECT count(*) FROM embedding_coverage")).isEqualTo(stored);

        CliRun again = CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Embedded " + (364 - stored) + " of 364 images");
        assertThat(count(project, "SELECT count(*) FROM image_embeddings")).isEqualTo(364);
        assertThat(count(project, "SELECT count(DISTINCT image_id) FROM image_embeddings")).isEqualTo(364);
        assertThat(CliRun.of("embed", project.toString(), "--model", "fallback", "--no-objects").out())
                .contains("Embedded 0 of 364 images");
    }

    @Test
    void embeddingMetricsAreStoredLikeOtherMetricsWithMapAndExport() throws Exception {
        Path project = initVoc("voc");
        Path parquet = tmp.resolve("objects.parquet");
        CliRun run = CliRun.of("embed", project.toString(), "--model", "fallback", "--export", parquet.toString(), "--scope", "annotation");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Embedded 100 of 100 images and 273 objects with fallback-hist-dct@1")
                .contains("Wrote 273 annotation vectors to").contains("Lowest annotation quality");
        assertThat(count(project, "SELECT count(*) FROM embedding_map WHERE item_type = 'image'")).isEqualTo(100);
        assertThat(count(project, "SELECT count(*) FROM embedding_map WHERE item_type = 'annotation'")).isEqualTo(273);
        assertThat(count(project, "SELECT count(*) FROM image_metrics WHERE \"image.uniqueness\" > 0")).isEqualTo(100);
        // The map's coordinates are also metrics (the Explorer's scatter draws the map from them), equal to the stored map.
        assertThat(count(project, "SELECT count(*) FROM image_metrics m JOIN embedding_map e ON e.item_type = 'image' AND e.item_id = m.image_id"
                + " WHERE m.\"image.embedding_map_x\" = e.x AND m.\"image.embedding_map_y\" = e.y")).isEqualTo(100);
        assertThat(count(project, "SELECT count(*) FROM annotation_metrics m JOIN embedding_map e ON e.item_type = 'annotation'"
                + " AND e.item_id = m.annotation_id WHERE m.\"annotation.embedding_map_x\" = e.x AND m.\"annotation.embedding_map_y\" = e.y"))
                .isEqualTo(273);
        assertThat(count(project, "SELECT count(*) FROM annotation_metrics WHERE \"annotation.quality\" BETWEEN 0 AND 1")).isEqualTo(273);
        assertThat(count(project, "SELECT count(*) FROM read_parquet('" + parquet.toAbsolutePath() + "') WHERE len(vector) = 127"))
                .isEqualTo(273);
        Path csv = tmp.resolve("a.csv");
        assertThat(CliRun.of("metrics", "export", project.toString(), "--scope", "annotation", "-o", csv.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(csv).get(0)).contains("annotation.quality");
        CliRun info = CliRun.of("info", project.toString());
        assertThat(info.out()).contains("image.uniqueness");
    }

    @Test
    void croppedReencodedCopyFindsItsOriginalFirst() throws Exception {
        // A small project of eight voc100 images (one class folder) keeps the model's work to a few seconds.
        Path images = tmp.resolve("images/all");
        Files.createDirectories(images);
        List<Path> sources;
        try (var files = Files.list(VOC.resolve("images"))) {
            sources = files.sorted().limit(8).toList();
        }
        for (Path s : sources) {
            Files.copy(s, images.resolve(s.getFileName()));
        }
        Path project = tmp.resolve("small");
        assertThat(CliRun.of("init", project.toString(), "--images", tmp.resolve("images").toString(), "--folders").exitCode()).isZero();
        CliRun embed = CliRun.of("embed", project.toString(), "--no-objects");
        assertThat(embed.exitCode()).as(embed.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < 3; i++) {
            Path original = sources.get(i);
            Path copy = tmp.resolve("copy" + i + ".jpg");
            cropAndReencode(original, copy, 0.04, 0.75f);
            CliRun similar = CliRun.of("similar", project.toString(), copy.toString(), "-k", "3", "--json");
            assertThat(similar.exitCode()).as(similar.err()).isZero();
            JsonNode first = json.readTree(similar.out()).get("neighbours").get(0);
            assertThat(first.get("path").asText()).isEqualTo("all/" + original.getFileName());
            assertThat(first.get("similarity").asDouble()).isGreaterThan(0.85);
        }
        // Querying a project image by path never returns the image itself.
        CliRun byPath = CliRun.of("similar", project.toString(), "all/" + sources.get(0).getFileName(), "-k", "7");
        assertThat(byPath.exitCode()).as(byPath.err()).isZero();
        assertThat(byPath.out().lines().skip(1).toList()).hasSize(7).noneMatch(l -> l.endsWith(sources.get(0).getFileName().toString()));
        // ... nor by its absolute path (it was embedded anew and came first, similarity 1)
        CliRun byFile = CliRun.of("similar", project.toString(), images.resolve(sources.get(0).getFileName()).toString(), "-k", "7");
        assertThat(byFile.exitCode()).as(byFile.err()).isZero();
        assertThat(byFile.out().lines().skip(1).toList()).hasSize(7).noneMatch(l -> l.endsWith(sources.get(0).getFileName().toString()));
        // an unknown id is not "has no embedding"
        CliRun unknownId = CliRun.of("similar", project.toString(), "4242");
        assertThat(unknownId.exitCode()).isEqualTo(3);
        assertThat(unknownId.err()).contains("no image with id 4242 in " + project + " (it has 8 images");
        CliRun missing = CliRun.of("similar", project.toString(), tmp.resolve("nope.jpg").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("no such file");
    }

    /** Cuts {@code fraction} of the width and height from every side and writes a JPEG of the given quality. */
    static void cropAndReencode(Path in, Path out, double fraction, float quality) throws Exception {
        BufferedImage src = ImageIO.read(in.toFile());
        int dx = (int) (src.getWidth() * fraction);
        int dy = (int) (src.getHeight() * fraction);
        BufferedImage crop = new BufferedImage(src.getWidth() - 2 * dx, src.getHeight() - 2 * dy, BufferedImage.TYPE_INT_RGB);
        crop.getGraphics().drawImage(src.getSubimage(dx, dy, crop.getWidth(), crop.getHeight()), 0, 0, null);
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        try (ImageOutputStream o = ImageIO.createImageOutputStream(out.toFile())) {
            w.setOutput(o);
            w.write(null, new IIOImage(crop, null, null), p);
        }
        w.dispose();
    }
}
