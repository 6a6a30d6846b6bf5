package dev.loupe.core.metrics.runner;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.ObjectView;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ShapeKind;
import dev.loupe.core.image.RefusedImageFile;
import dev.loupe.core.metrics.objects.GeometryObject;
import dev.loupe.core.metrics.objects.SimpleAnnotationContext;
import dev.loupe.core.metrics.objects.SimpleImageContext;
import dev.loupe.core.model.Annotation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes every pending per-item metric of one image: decodes the image once (only when a pending
 * metric needs pixels), then runs the image metrics, the hash metrics and every annotation metric
 * on every object of the image. A metric that throws fails only itself on that item.
 */
final class ImageAnalyzer {
    private final long maxPixels;

    /** @param maxPixels images whose header declares more pixels are not decoded (a decode failure is recorded) */
    ImageAnalyzer(long maxPixels) {
        this.maxPixels = maxPixels;
    }

    ImageResult analyze(ImageWork work) {
        long imageId = work.image().id();
        List<ImageResult.Failure> failures = new ArrayList<>();
        List<ImageResult.Value> imageValues = new ArrayList<>();
        List<ImageResult.Hash> hashes = new ArrayList<>();
        List<String> attempted = work.pending().stream()
                .map(m -> m.descriptor().id() + "@" + m.descriptor().version()).toList();

        PixelImage pixels = null;
        boolean decodeFailed = false;
        if (work.pending().stream().anyMatch(ImageAnalyzer::needsPixels)) {
            try {
                pixels = work.folder().decode(work.image().path(), maxPixels);
            } catch (IOException | RuntimeException e) {
                decodeFailed = true;
                failures.add(new ImageResult.Failure("decode", "image", imageId, e instanceof RefusedImageFile
                        ? "not decoded: " + e.getMessage() : "cannot decode " + work.image().path() + ": " + message(e)));
            }
        }
        Integer width = pixels != null ? Integer.valueOf(pixels.width()) : work.image().width();
        Integer height = pixels != null ? Integer.valueOf(pixels.height()) : work.image().height();
        if (width == null || height == null) {
            failures.add(new ImageResult.Failure("size", "image", imageId, "image size unknown (unreadable image): "
                    + "no metric can run on " + work.image().path()));
            return new ImageResult(imageId, imageValues, hashes, List.of(), failures, attempted);
        }
        List<ObjectView> objects = new ArrayList<>(work.annotations().size());
        for (Annotation a : work.annotations()) {
            objects.add(new GeometryObject(a, a.categoryId() == null ? null : work.classNames().get(a.categoryId()), width, height));
        }
        SimpleImageContext image = new SimpleImageContext(pixels, width, height, Math.max(0, work.image().fileSize()),
                work.image().path(), objects);
        List<AnnotationMetric> annotationMetrics = new ArrayList<>();
        for (Metric m : work.pending()) {
            String id = m.descriptor().id();
            if (decodeFailed && needsPixels(m)) {
                continue;
            }
            try {
                if (m instanceof ImageMetric im) {
                    imageValues.add(new ImageResult.Value(id, im.compute(image)));
                } else if (m instanceof ImageHashMetric hm) {
                    hashes.add(new ImageResult.Hash(id, hm.compute(image)));
                } else if (m instanceof AnnotationMetric am) {
                    annotationMetrics.add(am);
                }
            } catch (RuntimeException e) {
                failures.add(new ImageResult.Failure(id, "image", imageId, message(e)));
            }
        }
        List<ImageResult.AnnotationValues> perAnnotation = new ArrayList<>(objects.size());
        if (!annotationMetrics.isEmpty()) {
            List<AnnotationContext> contexts = SimpleAnnotationContext.forImage(objects, width, height, pixels);
            for (AnnotationContext ctx : contexts) {
                ObjectView object = ctx.object();
                List<ImageResult.Value> values = new ArrayList<>(annotationMetrics.size());
                for (AnnotationMetric am : annotationMetrics) {
                    if (!applies(am, object.shape())) {
                        continue;
                    }
                    try {
                        values.add(new ImageResult.Value(am.descriptor().id(), am.compute(ctx)));
                    } catch (RuntimeException e) {
                        failures.add(new ImageResult.Failure(am.descriptor().id(), "annotation", object.id(), message(e)));
                    }
                }
                perAnnotation.add(new ImageResult.AnnotationValues(object.id(), values));
            }
        }
        return new ImageResult(imageId, imageValues, hashes, perAnnotation, failures, attempted);
    }

    private static boolean applies(AnnotationMetric m, ShapeKind shape) {
        return m.descriptor().shapes().contains(shape) && (!m.needsPixels() || shape != ShapeKind.LABEL);
    }

    static boolean needsPixels(Metric m) {
        return (m instanceof ImageHashMetric hm && hm.needsPixels()) || (m instanceof ImageMetric im && im.needsPixels())
                || (m instanceof AnnotationMetric am && am.needsPixels());
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
