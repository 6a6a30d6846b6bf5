package dev.loupe.bench;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.geometry.Iou;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Category;
import dev.loupe.core.model.DatasetSink;
import dev.loupe.core.model.Geometry;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.core.model.Issue;
import dev.loupe.core.model.Prediction;
import dev.loupe.core.model.PredictionSink;
import dev.loupe.eval.CocoEvaluator;
import dev.loupe.eval.CocoOutcomeMatcher;
import dev.loupe.eval.Detection;
import dev.loupe.eval.EvalInputs;
import dev.loupe.eval.EvalParams;
import dev.loupe.eval.EvalResult;
import dev.loupe.eval.GroundTruth;
import dev.loupe.eval.IouType;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.coco.CocoResultsReader;
import dev.loupe.formats.predictions.ProjectCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Times the COCO evaluation (match, accumulate, summarise) on synthetic box sets of growing size
 * and on the pycocotools reference vector, and the per-item outcome matching. The baseline, in the
 * same run, is computing only the IoU matrices of the same cells: the floor of any evaluator.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Time the COCO evaluation on synthetic sets (default 1250, 2500, 5000 images x 100 detections) "
                + "and on the reference vector.")
final class EvalBench implements Callable<Integer> {
    @Option(names = "--images", split = ",", defaultValue = "1250,2500,5000",
            description = "image counts, comma-separated (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--detections", defaultValue = "100", description = "detections per image (default: ${DEFAULT-VALUE})")
    int perImage;

    @Option(names = "--ground-truths", defaultValue = "7", description = "ground truths per image (default: ${DEFAULT-VALUE})")
    int gtPerImage;

    @Option(names = "--classes", defaultValue = "80", description = "classes (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--repeat", defaultValue = "3", description = "runs per size; the best is printed (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--command", description = "also time the whole 'loupe eval' command (init and predictions import "
            + "first, then eval in a JVM of its own with the default heap) on the same boxes, against evaluate")
    boolean command;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("COCO evaluation benchmark (bbox): %d ground truths and %d detections per image, %d classes, "
                + "best of %d; evaluate spreads classes over %d cores, IoU only and outcomes use 1%n", gtPerImage, perImage,
                classes, repeat, Runtime.getRuntime().availableProcessors());
        out.printf("%8s %12s %12s %10s %12s %10s %14s %10s%n", "images", "detections", "IoU only s", "evaluate s",
                "vs IoU only", "us/image", "outcomes s", "AP");
        for (int n : sizes) {
            Synthetic s = synthetic(n);
            double iouOnly = Double.MAX_VALUE;
            double eval = Double.MAX_VALUE;
            double outcomes = Double.MAX_VALUE;
            EvalResult r = null;
            for (int i = 0; i < repeat; i++) {
                iouOnly = Math.min(iouOnly, timeIouOnly(s));
                long t0 = System.nanoTime();
                r = new CocoEvaluator().evaluate(s.images, s.categories, s.gts, s.dts, EvalParams.defaults(IouType.BBOX));
                eval = Math.min(eval, (System.nanoTime() - t0) / 1e9);
                outcomes = Math.min(outcomes, timeOutcomes(s));
            }
            out.printf("%8d %12d %12.3f %10.3f %11.1fx %10.0f %14.3f %10.4f%n", n, s.dts.size(), iouOnly, eval,
                    eval / iouOnly, eval / n * 1e6, outcomes, r.summary().ap());
            out.flush();
            if (command) {
                wholeCommand(out, s, eval, r);
            }
        }
        reference(out);
        out.println("vs IoU only = evaluate time / time to compute only the IoU matrices of the same image-class cells "
                + "(same run).");
        out.println("outcomes = per-item matching at the 19 thresholds 0.05..0.95, as 'predictions import' stores it.");
        return 0;
    }

    /**
     * The same boxes as files, imported into a project; then {@code loupe eval} in a JVM of its own
     * (the JVM's default heap, as a user runs it): wall time and peak RSS against the in-memory evaluate.
     */
    private static void wholeCommand(PrintWriter out, Synthetic s, double evaluate, EvalResult r) throws Exception {
        Path dir = Files.createTempDirectory("loupe-bench-eval");
        try {
            EvalFiles files = EvalFiles.write(dir, s.images, s.categories, s.gts, s.dts);
            Path project = dir.resolve("project");
            ChildJvm jvm = new ChildJvm(null);
            jvm.run("init", project.toString(), "--images", files.images().toString(), "--coco", files.instances().toString());
            jvm.run("predictions", "import", project.toString(), files.results().toString(), "--name", "bench", "--no-metrics");
            ChildJvm.Run eval = jvm.run("eval", project.toString(), "--predictions", "bench");
            java.util.regex.Matcher ap = java.util.regex.Pattern
                    .compile("IoU=0\\.50:0\\.95 \\| area=   all \\| maxDets=100 \\] = (\\S+)").matcher(eval.out());
            String printed = ap.find() ? ap.group(1) : "?";
            out.printf("         loupe eval, the whole command in its own JVM (default heap): %.2f s, peak RSS %d MB, "
                    + "%.1fx evaluate; AP printed %s (evaluate %.3f)%n", eval.seconds(), eval.peakRssMb(), eval.seconds() / evaluate,
                    printed, r.summary().ap());
        } finally {
            ServeBench.deleteTree(dir);
        }
    }

    private record Synthetic(List<ImageRecord> images, List<Category> categories, List<GroundTruth> gts,
                             List<Detection> dts, Map<Long, List<Annotation>> gtByImage,
                             Map<Long, List<Prediction>> dtByImage) {
    }

    /** Seeded: ground truths of random size and class; detections jittered copies of them plus clutter. */
    private Synthetic synthetic(int n) {
        SplittableRandom rnd = new SplittableRandom(42);
        List<ImageRecord> images = new ArrayList<>(n);
        List<Category> cats = new ArrayList<>(classes);
        for (int k = 1; k <= classes; k++) {
            cats.add(new Category(k, "c" + k, null, Integer.toString(k)));
        }
        List<GroundTruth> gts = new ArrayList<>();
        List<Detection> dts = new ArrayList<>();
        Map<Long, List<Annotation>> gtByImage = new HashMap<>();
        Map<Long, List<Prediction>> dtByImage = new HashMap<>();
        long gtId = 1;
        long dtId = 1;
        for (int i = 1; i <= n; i++) {
            ImageRecord im = new ImageRecord(i, i + ".jpg", 640, 480, "jpeg", null, 0, Integer.toString(i));
            images.add(im);
            List<Box> boxes = new ArrayList<>();
            List<Integer> boxClasses = new ArrayList<>();
            for (int g = 0; g < gtPerImage; g++) {
                double w = 8 + rnd.nextDouble() * 200;
                double h = 8 + rnd.nextDouble() * 200;
                Box b = new Box(rnd.nextDouble() * (640 - w), rnd.nextDouble() * (480 - h), w, h);
                int k = 1 + rnd.nextInt(classes);
                boxes.add(b);
                boxClasses.add(k);
                gts.add(GroundTruth.ofBox(gtId, i, k, b));
                gtByImage.computeIfAbsent((long) i, x -> new ArrayList<>())
                        .add(Annotation.of(gtId, i, k, new Geometry.BoxShape(b), null));
                gtId++;
            }
            for (int d = 0; d < perImage; d++) {
                Box b;
                int k;
                if (d < 3 * gtPerImage) {
                    Box g = boxes.get(d % gtPerImage);
                    double jitter = 0.3 * rnd.nextDouble();
                    b = new Box(g.x() + (rnd.nextDouble() - .5) * jitter * g.w(), g.y() + (rnd.nextDouble() - .5) * jitter * g.h(),
                            g.w() * (1 + (rnd.nextDouble() - .5) * jitter), g.h() * (1 + (rnd.nextDouble() - .5) * jitter));
                    k = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(classes) : boxClasses.get(d % gtPerImage);
                } else {
                    double w = 8 + rnd.nextDouble() * 150;
                    double h = 8 + rnd.nextDouble() * 150;
                    b = new Box(rnd.nextDouble() * (640 - w), rnd.nextDouble() * (480 - h), w, h);
                    k = 1 + rnd.nextInt(classes);
                }
                double score = rnd.nextDouble();
                dts.add(Detection.ofBox(dtId, i, k, b, score));
                dtByImage.computeIfAbsent((long) i, x -> new ArrayList<>())
                        .add(new Prediction(dtId, i, k, new Geometry.BoxShape(b), score, b.area(), null));
                dtId++;
            }
        }
        return new Synthetic(images, cats, gts, dts, gtByImage, dtByImage);
    }

    private static double timeIouOnly(Synthetic s) {
        long t0 = System.nanoTime();
        Map<Long, List<GroundTruth>> cellsGt = new HashMap<>();
        for (GroundTruth g : s.gts) {
            cellsGt.computeIfAbsent(g.imageId() * 1000 + g.categoryId(), k -> new ArrayList<>()).add(g);
        }
        Map<Long, List<Detection>> cellsDt = new HashMap<>();
        for (Detection d : s.dts) {
            cellsDt.computeIfAbsent(d.imageId() * 1000 + d.categoryId(), k -> new ArrayList<>()).add(d);
        }
        double sink = 0;
        for (Map.Entry<Long, List<Detection>> e : cellsDt.entrySet()) {
            List<GroundTruth> g = cellsGt.get(e.getKey());
            if (g == null) {
                continue;
            }
            double[][] iou = Iou.boxes(e.getValue().stream().map(Detection::box).toList(),
                    g.stream().map(GroundTruth::box).toList(), new boolean[g.size()]);
            sink += iou[0][0];
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double timeOutcomes(Synthetic s) {
        CocoOutcomeMatcher matcher = new CocoOutcomeMatcher(IouType.BBOX);
        long t0 = System.nanoTime();
        long matches = 0;
        for (ImageRecord im : s.images) {
            matches += matcher.match(im, s.gtByImage.getOrDefault(im.id(), List.of()),
                    s.dtByImage.getOrDefault(im.id(), List.of())).matches().size();
        }
        if (matches < 0) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The pycocotools reference vector (shared/reference/cocoeval), when present. */
    private void reference(PrintWriter out) throws Exception {
        Path dir = Path.of(System.getProperty("loupe.home", "."), "..", "shared", "reference", "cocoeval").normalize();
        Path gtFile = dir.resolve("instances_val2014_100.json");
        if (!Files.isRegularFile(gtFile)) {
            out.println("reference vector: " + dir + " not found, skipped");
            return;
        }
        List<ImageRecord> images = new ArrayList<>();
        List<Category> cats = new ArrayList<>();
        List<Annotation> anns = new ArrayList<>();
        Path empty = Files.createTempDirectory("loupe-bench-eval");
        new CocoImporter(gtFile, empty).read(new DatasetSink() {
            public void category(Category c) {
                cats.add(c);
            }

            public void image(ImageRecord i) {
                images.add(i);
            }

            public void annotation(Annotation a) {
                anns.add(a);
            }

            public void issue(Issue i) {
                // image files are not shipped; declared sizes suffice
            }
        });
        Files.delete(empty);
        Map<Long, ImageRecord> byId = new HashMap<>();
        images.forEach(i -> byId.put(i.id(), i));
        for (IouType type : IouType.values()) {
            Path results = dir.resolve(type == IouType.BBOX ? "instances_val2014_fakebbox100_results.json"
                    : "instances_val2014_fakesegm100_results.json");
            List<Prediction> preds = new ArrayList<>();
            new CocoResultsReader(results).read(new ProjectCatalog(images, cats), 1, new PredictionSink() {
                public void prediction(Prediction p) {
                    preds.add(p);
                }

                public void probability(long imageId, int categoryId, double probability) {
                }

                public void issue(Issue issue) {
                }
            });
            List<GroundTruth> gts = anns.stream().filter(a -> a.categoryId() != null)
                    .map(a -> EvalInputs.groundTruth(a, byId.get(a.imageId()), type)).toList();
            List<Detection> dts = new ArrayList<>();
            for (Prediction p : preds) {
                Detection d = EvalInputs.detection(p.id(), byId.get(p.imageId()), p.categoryId(), p.geometry(), p.score(), type);
                dts.add(new Detection(d.id(), d.imageId(), d.categoryId(), d.box(), d.mask(), p.area(), d.score()));
            }
            List<ImageRecord> order = EvalInputs.cocoImageOrder(images);
            List<Category> catOrder = EvalInputs.cocoCategoryOrder(cats);
            double best = Double.MAX_VALUE;
            EvalResult r = null;
            for (int i = 0; i < Math.max(repeat, 5); i++) {
                long t0 = System.nanoTime();
                r = new CocoEvaluator().evaluate(order, catOrder, gts, dts, EvalParams.defaults(type));
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            out.printf("reference vector %s: %d images, %d ground truths, %d detections: evaluate %.3f s, AP %.6f "
                    + "(pycocotools prints the same 12 numbers; see the loupe-eval tests)%n", type.name().toLowerCase(),
                    order.size(), gts.size(), dts.size(), best, r.summary().ap());
        }
    }
}
