package dev.loupe.bench;

import dev.loupe.api.PixelImage;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.embed.run.ObjectCrop;
import dev.loupe.formats.voc.VocImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** The shared datasets as the similarity benchmark reads them. */
final class SimilarityData {
    private SimilarityData() {
    }

    /** The JPEG and PNG files of a folder (recursively), sorted by path. */
    static List<Path> jpegs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": no such folder (is ../shared/data there?)");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().toLowerCase(java.util.Locale.ROOT).matches(".*\\.(jpe?g|png)")).sorted().toList();
        }
    }

    static PixelImage decode(Path file) {
        try {
            return ImageDecoder.decode(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot decode", e);
        }
    }

    /**
     * The boxes of a Pascal VOC dataset, grouped by image, with their class index.
     *
     * @param image file per group
     * @param boxes the boxes of each group
     * @param classes class index per box of each group
     */
    record Objects(List<Path> image, List<List<Box>> boxes, List<int[]> classes, List<String> classNames) {
        int count() {
            return boxes.stream().mapToInt(List::size).sum();
        }

        /** A seeded sample of at most {@code max} boxes (whole images are kept or dropped together). */
        Objects sample(int max, long seed) {
            if (count() <= max) {
                return this;
            }
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < image.size(); i++) {
                order.add(i);
            }
            java.util.Collections.shuffle(order, new java.util.Random(seed));
            List<Integer> keep = new ArrayList<>();
            int n = 0;
            for (int i : order) {
                if (n + boxes.get(i).size() > max) {
                    continue;
                }
                keep.add(i);
                n += boxes.get(i).size();
            }
            keep.sort(null);
            return new Objects(keep.stream().map(image::get).toList(), keep.stream().map(boxes::get).toList(),
                    keep.stream().map(classes::get).toList(), classNames);
        }

        /** The crops of group {@code i}, as Loupe crops objects for embedding ({@link ObjectCrop}). */
        List<PixelImage> crops(int i) {
            PixelImage im = decode(image.get(i));
            List<PixelImage> out = new ArrayList<>();
            for (Box b : boxes.get(i)) {
                PixelImage c = ObjectCrop.of(im, b);
                out.add(c != null ? c : new PixelImage(1, 1, new byte[3], 3, 8, false));
            }
            return out;
        }
    }

    static Objects voc(Path annotations, Path images) {
        Map<Long, ImageRecord> records = new HashMap<>();
        Map<Long, List<Annotation>> byImage = new java.util.TreeMap<>();
        List<String> names = new ArrayList<>();
        new VocImporter(annotations, images, null).read(new DatasetSink() {
            @Override
            public void category(Category category) {
                names.add(category.name());
            }

            @Override
            public void image(ImageRecord image) {
                records.put(image.id(), image);
            }

            @Override
            public void annotation(Annotation a) {
                if (a.geometry().box() != null && a.categoryId() != null) {
                    byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
                }
            }

            @Override
            public void issue(Issue issue) {
            }
        });
        List<Path> files = new ArrayList<>();
        List<List<Box>> boxes = new ArrayList<>();
        List<int[]> classes = new ArrayList<>();
        byImage.forEach((id, list) -> {
            files.add(images.resolve(records.get(id).path()));
            boxes.add(list.stream().map(a -> a.geometry().box()).toList());
            classes.add(list.stream().mapToInt(Annotation::categoryId).toArray());
        });
        return new Objects(files, boxes, classes, names);
    }

    /** The seeded variants of one image, one per edit, in {@link ImageVariants} order. */
    static List<PixelImage> variants(PixelImage original, long seed, int index) {
        List<PixelImage> out = new ArrayList<>();
        for (ImageVariants v : ImageVariants.values()) {
            out.add(v.apply(original, new SplittableRandom(seed * 1_000_003L + index * 31L + v.ordinal())));
        }
        return out;
    }
}
