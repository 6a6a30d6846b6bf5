package dev.loupe.core.metrics.annotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loupe.api.AnnotationContext;
import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.MetricDescriptor;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ValueKind;
import dev.loupe.core.geometry.Box;
import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.metrics.objects.GeometryObject;
import dev.loupe.core.metrics.objects.SimpleAnnotationContext;
import dev.loupe.core.model.Annotation;
import dev.loupe.core.model.Geometry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The metrics on the real BCCD boxes (VOC XML read here with the JDK, boxes x = xmin, y = ymin,
 * w = xmax − xmin, h = ymax − ymin as Loupe's VOC importer reads them).
 */
class BccdIntegrationTest {
    private static final Path BCCD = Path.of(System.getProperty("loupe.shared", "/work/shared"), "data/bccd/BCCD");
    private static final List<AnnotationMetric> GEOMETRY = List.of(new Area(), new RelativeArea(), new Width(),
            new Height(), new AspectRatio(), new BorderProximity(), new DuplicateOverlap(), new MaxIou(),
            new Degenerate(), new OutOfBounds(), new Confidence(), new RandomBaseline(), new HuMoment1(),
            new HuMoment2(), new HuMoment3(), new HuMoment4(), new HuMoment5(), new HuMoment6(), new HuMoment7());
    private static final Map<String, Integer> CLASSES = Map.of("RBC", 1, "WBC", 2, "Platelets", 3);

    record VocImage(String file, int width, int height, List<GeometryObject> objects) {
    }

    static VocImage read(Path xml, long[] nextId) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element size = (Element) d.getElementsByTagName("size").item(0);
        int w = Integer.parseInt(text(size, "width"));
        int h = Integer.parseInt(text(size, "height"));
        List<GeometryObject> objects = new ArrayList<>();
        NodeList os = d.getElementsByTagName("object");
        for (int i = 0; i < os.getLength(); i++) {
            Element o = (Element) os.item(i);
            String name = text(o, "name").trim();
            Box b = Box.fromCorners(Double.parseDouble(text(o, "xmin")), Double.parseDouble(text(o, "ymin")),
                    Double.parseDouble(text(o, "xmax")), Double.parseDouble(text(o, "ymax")));
            Annotation a = Annotation.of(nextId[0]++, 1, CLASSES.get(name), new Geometry.BoxShape(b),
                    xml.getFileName() + "#" + i);
            objects.add(new GeometryObject(a, name, w, h));
        }
        return new VocImage(text(d.getDocumentElement(), "filename"), w, h, objects);
    }

    private static String text(Element e, String tag) {
        return e.getElementsByTagName(tag).item(0).getTextContent();
    }

    @Test
    void firstImageByHand() throws Exception {
        VocImage img = read(BCCD.resolve("Annotations/BloodImage_00000.xml"), new long[] {1});
        List<AnnotationContext> cs = SimpleAnnotationContext.forImage(img.objects(), img.width(), img.height(), null);
        assertThat(cs).hasSize(20);
        // Object 0: WBC 260,177 – 491,376 in 640x480.
        AnnotationContext wbc = cs.get(0);
        assertThat(new Area().compute(wbc)).isEqualTo(231 * 199);
        assertThat(new RelativeArea().compute(wbc)).isCloseTo(231.0 * 199 / (640 * 480), within(1e-15));
        // Gaps: 260/640, 177/480, (640−491)/640 = 149/640, (480−376)/480 = 104/480 → 104/480.
        assertThat(new BorderProximity().compute(wbc)).isCloseTo(104.0 / 480, within(1e-15));
        // The only WBC: no same-class overlap.
        assertThat(new DuplicateOverlap().compute(wbc)).isZero();
        // Object 5: RBC 555,356 – 640,455 touches the right border without crossing it.
        assertThat(new BorderProximity().compute(cs.get(5))).isZero();
        assertThat(new OutOfBounds().compute(cs.get(5))).isZero();
        // Objects 1 (78,336–184,435) and 7 (1,333–87,437), both RBC:
        // intersection (87−78)·(435−336) = 9·99 = 891; union 106·99 + 86·104 − 891 = 10494 + 8944 − 891.
        double iou17 = 891.0 / (10494 + 8944 - 891);
        assertThat(img.objects().get(1).iou(img.objects().get(7))).isCloseTo(iou17, within(1e-15));
        assertThat(new DuplicateOverlap().compute(cs.get(1))).isGreaterThanOrEqualTo(iou17);
    }

    @Test
    void everyBccdAnnotationGetsValuesOfItsDeclaredKind() throws Exception {
        List<Path> xmls;
        try (Stream<Path> s = Files.list(BCCD.resolve("Annotations"))) {
            xmls = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertThat(xmls).hasSizeGreaterThan(300);
        long[] nextId = {1};
        Map<String, Integer> flagged = new HashMap<>();
        int objects = 0;
        for (Path xml : xmls) {
            VocImage img = read(xml, nextId);
            for (AnnotationContext c : SimpleAnnotationContext.forImage(img.objects(), img.width(), img.height(), null)) {
                objects++;
                for (AnnotationMetric m : GEOMETRY) {
                    MetricDescriptor d = m.descriptor();
                    double v = m.compute(c);
                    if (d.id().equals("annotation.confidence")) {
                        assertThat(v).isNaN();
                        continue;
                    }
                    if (Double.isNaN(v)) {
                        // Only a degenerate box (no side, no pixel) may lack its aspect ratio and Hu moments.
                        assertThat(d.id()).as(xml + " " + c.object().id()).matches("annotation\\.(aspect_ratio|hu_\\d)");
                        assertThat(new Degenerate().compute(c)).as(xml + " " + c.object().id()).isEqualTo(1);
                        continue;
                    }
                    checkKind(d, v, xml + " object " + c.object().id());
                    if ((d.kind() == ValueKind.FLAG) && v == 1) {
                        flagged.merge(d.id(), 1, Integer::sum);
                    }
                }
                double dup = new DuplicateOverlap().compute(c);
                assertThat(new MaxIou().compute(c)).isGreaterThanOrEqualTo(dup);
            }
        }
        assertThat(objects).isGreaterThan(4000);
        // BCCD has a handful of boxes with xmin == xmax or beyond the image; never many.
        assertThat(flagged.getOrDefault("annotation.degenerate", 0)).isLessThan(20);
        assertThat(flagged.getOrDefault("annotation.out_of_bounds", 0)).isLessThan(50);
    }

    private static void checkKind(MetricDescriptor d, double v, String where) {
        assertThat(v).as(d.id() + " at " + where).isFinite();
        switch (d.kind()) {
            case UNIT_INTERVAL -> assertThat(v).as(d.id() + " at " + where).isBetween(0.0, 1.0);
            case NON_NEGATIVE_REAL, NON_NEGATIVE_INTEGER -> assertThat(v).as(d.id() + " at " + where)
                    .isGreaterThanOrEqualTo(0);
            case FLAG -> assertThat(v).as(d.id() + " at " + where).isIn(0.0, 1.0);
            default -> {
            }
        }
    }

    @Test
    void aWholeImageObjectHasTheReferenceImageMetrics() throws Exception {
        // Reference values by independent implementations (Encord Active's code on Pillow-decoded pixels).
        List<String> lines = Files.readAllLines(BCCD.getParent().getParent().getParent()
                .resolve("reference/image-metrics/bccd_metrics.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<AnnotationMetric> metrics = List.of(new Brightness(), new Contrast(), new Sharpness(), new RedFraction(),
                new GreenFraction(), new BlueFraction());
        List<String> columns = List.of("ea_brightness", "ea_contrast", "ea_sharpness", "ea_red", "ea_green", "ea_blue");
        for (int row = 1; row <= 4; row++) {
            String[] f = lines.get(row).split(",");
            PixelImage px = ImageDecoder.decode(BCCD.resolve("JPEGImages").resolve(f[0]));
            Annotation whole = Annotation.of(1, 1, 1, new Geometry.BoxShape(new Box(0, 0, px.width(), px.height())), null);
            AnnotationContext c = new SimpleAnnotationContext(new GeometryObject(whole, null, px.width(), px.height()),
                    List.of(), px.width(), px.height(), px);
            for (int i = 0; i < metrics.size(); i++) {
                double expected = Double.parseDouble(f[header.indexOf(columns.get(i))]);
                assertThat(metrics.get(i).compute(c)).as(f[0] + " " + columns.get(i))
                        .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
            }
        }
    }
}
