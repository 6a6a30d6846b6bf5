package dev.loupe.eval;

import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.ProjectCatalog;
import java.io.IOException;
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
    private final Map<Long, ImageRecord> imageById = new HashMap<>();

    /** Imports the reference ground truth; the images folder is empty, so only declared sizes are known. */
    CocoReference(Path emptyImagesFolder) {
        this(GT, emptyImagesFolder);
    }

    /** Imports a COCO ground-truth file; the images folder is empty, so only declared sizes are known. */
    CocoReference(Path groundTruth, Path emptyImagesFolder) {
        // Missing image files are issues here; the declared sizes are all evaluation needs.
        ImportedDataset d = ImportedDataset.read(new CocoImporter(groundTruth, emptyImagesFolder));
        List<ImageRecord> ims = d.images();
        List<Category> cats = d.categories();
        List<Annotation> anns = d.annotations();
        images = EvalInputs.cocoImageOrder(ims);
        categories = EvalInputs.cocoCategoryOrder(cats);
        annotations = anns;
        images.forEach(i -> {
            imageById.put(i.id(), i);
        });
    }

    List<GroundTruth> groundTruths(IouType type) {
        return annotations.stream().filter(a -> a.categoryId() != null)
                .map(a -> EvalInputs.groundTruth(a, imageById.get(a.imageId()), type)).toList();
    }

    /**
     * loadRes through Loupe's COCO results reader (ids 1, 2, ... in file order; the first result
     * decides a box or a segmentation file, which sets each result's area and box).
     */
    List<Detection> detections(Path resultsFile, IouType type) throws IOException {
        List<Detection> out = new ArrayList<>();
        List<Issue> issues = new ArrayList<>();
        new CocoResultsReader(resultsFile).read(new ProjectCatalog(images, categories), 1, new PredictionSink() {
            @Override
            public void prediction(Prediction p) {
                Detection d = EvalInputs.detection(p.id(), imageById.get(p.imageId()), p.categoryId(), p.geometry(),
                        p.score(), type);
                out.add(new Detection(d.id(), d.imageId(), d.categoryId(), d.box(), d.mask(), p.area(), d.score()));
            }

            @Override
            public void probability(long imageId, int categoryId, double probability) {
                throw new IllegalStateException("not a classification file");
            }

            @Override
            public void issue(Issue issue) {
                issues.add(issue);
            }
        });
        if (!issues.isEmpty()) {
            throw new IllegalArgumentException("results with problems: " + issues.get(0).describe());
        }
        return out;
    }
}
