package dev.loupe.eval;

import dev.loupe.core.geometry.Masks;
import dev.loupe.core.geometry.Rasterizer;
import dev.loupe.core.geometry.Rle;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.formats.coco.CocoImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: the pycocotools test vector in shared/reference/cocoeval, loaded as pycocotools
 * loads it (COCO() for the ground truth, loadRes for the results).
 */
final class CocoReference {
    static final Path DIR = Path.of(System.getProperty("loupe.shared", "/work/shared"), "reference", "cocoeval");
    static final Path GT = DIR.resolve("instances_val2014_100.json");
    static final Path BBOX_RESULTS = DIR.resolve("instances_val2014_fakebbox100_results.json");
    static final Path SEGM_RESULTS = DIR.resolve("instances_val2014_fakesegm100_results.json");

    final List<ImageRecord> images;
    final List<Category> categories;
    final List<Annotation> annotations;
    private final Map<String, ImageRecord> imageBySource = new HashMap<>();
    private final Map<String, Category> categoryBySource = new HashMap<>();
    private final Map<Long, ImageRecord> imageById = new HashMap<>();

    /** Imports the reference ground truth; the images folder is empty, so only declared sizes are known. */
    CocoReference(Path emptyImagesFolder) {
        this(GT, emptyImagesFolder);
    }

    /** Imports a COCO ground-truth file; the images folder is empty, so only declared sizes are known. */
    CocoReference(Path groundTruth, Path emptyImagesFolder) {
        List<ImageRecord> ims = new ArrayList<>();
        List<Category> cats = new ArrayList<>();
        List<Annotation> anns = new ArrayList<>();
        new CocoImporter(groundTruth, emptyImagesFolder).read(new DatasetSink() {
            @Override
            public void category(Category category) {
                cats.add(category);
            }

            @Override
            public void image(ImageRecord image) {
                ims.add(image);
            }

            @Override
            public void annotation(Annotation annotation) {
                anns.add(annotation);
            }

            @Override
            public void issue(Issue issue) {
                // missing image files; the declared sizes are all evaluation needs
            }
        });
        images = EvalInputs.cocoImageOrder(ims);
        categories = EvalInputs.cocoCategoryOrder(cats);
        annotations = anns;
        images.forEach(i -> {
            imageBySource.put(i.sourceId(), i);
            imageById.put(i.id(), i);
        });
        categories.forEach(c -> categoryBySource.put(c.sourceId(), c));
    }

    List<GroundTruth> groundTruths(IouType type) {
        return annotations.stream().filter(a -> a.categoryId() != null)
                .map(a -> EvalInputs.groundTruth(a, imageById.get(a.imageId()), type)).toList();
    }

    /** loadRes: ids 1, 2, ... in file order; a file whose first result has a bbox is a box file. */
    List<Detection> detections(Path resultsFile, IouType type) throws IOException {
        List<CocoResultsReader.Result> results;
        try (InputStream in = Files.newInputStream(resultsFile)) {
            results = CocoResultsReader.read(in);
        }
        boolean boxFile = !results.isEmpty() && results.get(0).bbox() != null;
        List<Detection> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CocoResultsReader.Result r = results.get(i);
            ImageRecord image = imageBySource.get(r.imageId());
            Category category = categoryBySource.get(r.categoryId());
            if (image == null || category == null) {
                throw new IllegalArgumentException("result " + i + " is on unknown image or category");
            }
            long id = i + 1;
            if (boxFile) {
                Rle mask = null;
                if (type == IouType.SEGM) {
                    mask = r.rle() != null ? r.rle()
                            : r.polygon() != null ? Rasterizer.fromPolygon(r.polygon(), image.height(), image.width())
                            : Rasterizer.fromBox(r.bbox(), image.height(), image.width());
                }
                out.add(new Detection(id, image.id(), category.id(), r.bbox(), mask, r.bbox().area(), r.score()));
            } else {
                Geometry shape = r.rle() != null
                        ? new Geometry.MaskShape(r.bbox() != null ? r.bbox() : Masks.toBox(r.rle()), r.rle())
                        : new Geometry.PolygonShape(r.bbox() != null ? r.bbox() : r.polygon().bounds(), r.polygon());
                out.add(EvalInputs.detection(id, image, category.id(), shape, r.score(), type));
            }
        }
        return out;
    }
}
