package dev.loupe.app.export;

import dev.loupe.api.Scope;
import dev.loupe.app.BadRequest;
import dev.loupe.core.LoupeException;
import dev.loupe.core.metrics.rules.IssueRule;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.outcome.Thresholds;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.predictions.PredictionSetInfo;
import dev.loupe.store.ProjectStore;
import dev.loupe.store.tags.TagCount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code loupe export}, the use case: the images (and annotations) a filter selects, written in a
 * label format (COCO, YOLO, VOC; with a prediction set in the format's prediction flavour) or as
 * tables of every metric (CSV, Parquet), the image files copied, linked or left, optionally dealt to
 * seeded splits in the format's split layout. Everything is written under the output folder; what a
 * format cannot hold is counted, never dropped silently. The web app's COCO download uses the same
 * writer ({@link #streamCoco}).
 */
public final class Exporter {
    static final String COCO_SPLITS = "image splits not kept (a COCO file has no split; --split writes one file per split)";

    private final ProjectStore store;
    private final List<IssueRule> rules;

    public Exporter(ProjectStore store, List<IssueRule> rules) {
        this.store = store;
        this.rules = List.copyOf(rules);
    }

    /** Writes the export; see the class comment. */
    public ExportResult run(ExportRequest r) {
        checkTags(r.filter());
        PredictionSetInfo set = r.predictions() == null ? null : detectionSet(r.predictions());
        if (r.split() != null && r.format().table()) {
            throw new BadRequest("--split writes the split layout of coco, yolo or voc; " + r.format().id()
                    + " rows carry each image's split in the 'split' column");
        }
        if (r.filter().scope() == Scope.PREDICTION) {
            throw new BadRequest("export selects images or annotations; name a prediction set with --predictions");
        }
        if (store.browse().count(r.filter(), rules) == 0) {
            throw LoupeException.badInput("the filter selects no " + (r.filter().scope() == Scope.IMAGE ? "images" : "annotations")
                    + "; nothing written");
        }
        OutputFolder out = OutputFolder.open(r.out(), r.force());
        Losses losses = new Losses();
        ImagePlacer placer = new ImagePlacer(store.labels().imagesRoot(), r.images(), out, losses);
        try {
            return r.format().table() ? tables(r, set, out, placer, losses) : labels(r, set, out, placer, losses);
        } catch (IOException e) {
            throw LoupeException.badInput("cannot write under " + out.root() + ": " + e.getMessage());
        }
    }

    /** Streams the selection as one COCO instances file (the web app's download); returns what was left out. */
    public static Losses streamCoco(ProjectStore store, ItemFilter filter, List<IssueRule> rules, OutputStream out) throws IOException {
        Losses losses = new Losses();
        CocoWriter coco = new CocoWriter(out, losses);
        store.exports().forEachSelected(filter, rules, i -> coco.image(i, i.path()), coco::annotation);
        coco.finish(store.labels().categories());
        return losses;
    }

    private ExportResult labels(ExportRequest r, PredictionSetInfo set, OutputFolder out, ImagePlacer placer, Losses losses)
            throws IOException {
        Selection sel = Selection.load(store, r.filter(), rules);
        Map<Long, String> splitOf = new LinkedHashMap<>();
        if (r.split() != null) {
            List<Long> ids = sel.images().stream().map(ImageRecord::id).toList();
            splitOf.putAll(SplitAssigner.assign(ids, SplitAssigner.mainClasses(sel.byImage()), r.split()));
        }
        Map<Long, List<Prediction>> predictions = new TreeMap<>();
        if (set != null) {
            Set<Long> selected = sel.byImage().keySet();
            store.predictions().forEach(set.id(), p -> {
                if (selected.contains(p.imageId())) {
                    predictions.computeIfAbsent(p.imageId(), k -> new ArrayList<>()).add(p);
                }
            });
        }
        LabelLayout layout = new LabelLayout(r, sel, splitOf, predictions, set == null ? null : set.name(), out, placer, losses);
        List<String> files = switch (r.format()) {
            case COCO -> layout.coco();
            case YOLO -> layout.yolo();
            case VOC -> layout.voc();
            default -> throw new IllegalStateException(r.format().name());
        };
        Map<String, Long> splits = r.split() == null ? Map.of() : splitOf.values().stream()
                .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        long predictionCount = predictions.values().stream().mapToLong(List::size).sum();
        return new ExportResult(out.root(), r.format(), sel.images().size(), sel.annotationCount(), predictionCount, splits,
                placer.placed(), files, losses.list(), out.rewrittenCount(), out.rewrittenExamples(),
                layout.reimport(store.labels().imagesRoot()));
    }

    private ExportResult tables(ExportRequest r, PredictionSetInfo set, OutputFolder out, ImagePlacer placer, Losses losses) {
        String ext = r.format().id();
        List<String> files = new ArrayList<>();
        long images = store.exports().selection(r.filter(), Scope.IMAGE, null, 0, rules, ext, out.file("images." + ext));
        files.add("images." + ext);
        long annotations = store.exports().selection(r.filter(), Scope.ANNOTATION, null, 0, rules, ext, out.file("annotations." + ext));
        files.add("annotations." + ext);
        long predictions = 0;
        if (set != null) {
            int tIndex = r.filter().outcome() != null ? r.filter().outcome().tIndex() : Thresholds.index(0.5);
            String name = "predictions-" + OutputFolder.safeName(set.name()) + "." + ext;
            predictions = store.exports().selection(r.filter(), Scope.PREDICTION, set.name(), tIndex, rules, ext, out.file(name));
            files.add(name);
        }
        if (placer.mode() != ImageMode.NONE) {
            store.exports().forEachSelected(r.filter(), rules, i -> placer.place(i, "images", placer.labelPath(i)), a -> { });
        }
        return new ExportResult(out.root(), r.format(), images, annotations, predictions, Map.of(), placer.placed(), files,
                losses.list(), out.rewrittenCount(), out.rewrittenExamples(), null);
    }

    private void checkTags(ItemFilter f) {
        if (f.tags().isEmpty()) {
            return;
        }
        Set<String> known = new TreeSet<>();
        for (TagCount t : store.tags().list()) {
            known.add(t.name());
        }
        for (String t : f.tags()) {
            if (!known.contains(t)) {
                throw LoupeException.badInput("unknown tag '" + t + "'; " + (known.isEmpty() ? "the project has no tags"
                        : "the project's tags: " + String.join(", ", known)));
            }
        }
    }

    private PredictionSetInfo detectionSet(String name) {
        PredictionSetInfo set = store.predictions().set(name);
        if (set.classification()) {
            throw LoupeException.badInput("prediction set '" + name + "' is a " + set.kind()
                    + " set; export writes detection sets (boxes, polygons, masks with scores)");
        }
        return set;
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
