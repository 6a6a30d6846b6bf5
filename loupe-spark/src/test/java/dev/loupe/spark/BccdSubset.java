package dev.loupe.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The first images of the shared BCCD set with their VOC labels, copied to a temp folder; one JPEG truncated (a decode failure). */
record BccdSubset(Path images, Path voc, String brokenImage) {
    static final Path BCCD = Path.of(System.getProperty("loupe.shared", "/work/shared")).resolve("data/bccd/BCCD");

    static BccdSubset copy(Path dir, int count) throws IOException {
        Path images = Files.createDirectories(dir.resolve("JPEGImages"));
        Path xml = Files.createDirectories(dir.resolve("voc/Annotations"));
        List<Path> labels;
        try (Stream<Path> files = Files.list(BCCD.resolve("Annotations"))) {
            labels = files.filter(p -> p.toString().endsWith(".xml")).sorted().limit(count).toList();
        }
        String broken = null;
        for (Path label : labels) {
            String stem = label.getFileName().toString().replace(".xml", "");
            Files.copy(label, xml.resolve(label.getFileName()));
            Path jpeg = images.resolve(stem + ".jpg");
            Files.copy(BCCD.resolve("JPEGImages").resolve(stem + ".jpg"), jpeg);
            if (broken == null) {
                byte[] bytes = Files.readAllBytes(jpeg);
                Files.write(jpeg, java.util.Arrays.copyOf(bytes, 200));
                broken = jpeg.getFileName().toString();
            }
        }
        return new BccdSubset(images, dir.resolve("voc"), broken);
    }
}
