package dev.loupe.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.geometry.Box;
import dev.loupe.core.model.Annotation;
import dev.loupe.formats.coco.CocoImporter;
import dev.loupe.formats.voc.VocImporter;
import dev.loupe.formats.yolo.YoloImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** voc100 ships the same boxes as COCO JSON, VOC XML and YOLO txt: the three importers must agree. */
class ThreeFormatsAgreeTest {
    static final Path VOC100 = CollectingSink.shared().resolve("data/voc100");
    /** YOLO stores 6 decimals of normalised values: at most 0.5e-6 * 500 px * 1.5 per coordinate. */
    static final double YOLO_TOLERANCE_PX = 0.0005;

    record Labelled(String image, String category, Box box) {
    }

    @Test
    void cocoVocAndYoloGiveTheSameAnnotations() {
        Path images = VOC100.resolve("images");
        List<Labelled> coco = labelled(CollectingSink.run(new CocoImporter(VOC100.resolve("gts/coco_format_v1/instances_default.json"), images)));
        List<Labelled> voc = labelled(CollectingSink.run(new VocImporter(VOC100.resolve("gts/pascalvoc_format"), images, null)));
        List<Labelled> yolo = labelled(CollectingSink.run(new YoloImporter(VOC100.resolve("gts/yolo_format"), images, null)));
        assertThat(coco).hasSize(273);
        assertThat(voc).isEqualTo(coco);
        assertThat(yolo).hasSameSizeAs(coco);
        for (int i = 0; i < coco.size(); i++) {
            Labelled c = coco.get(i);
            Labelled y = yolo.get(i);
            assertThat(y.image()).isEqualTo(c.image());
            assertThat(y.category()).isEqualTo(c.category());
            assertThat(new double[] {y.box().x(), y.box().y(), y.box().w(), y.box().h()})
                    .as("box %d of %s", i, c.image())
                    .containsExactly(new double[] {c.box().x(), c.box().y(), c.box().w(), c.box().h()},
                            org.assertj.core.data.Offset.offset(YOLO_TOLERANCE_PX));
        }
    }

    /** Annotations as (image path, class name, box), sorted so that the formats' orders do not matter. */
    private static List<Labelled> labelled(CollectingSink s) {
        List<Labelled> out = new ArrayList<>();
        for (Annotation a : s.annotations) {
            out.add(new Labelled(s.image(a.imageId()).path(), s.categoryName(a), a.geometry().box()));
        }
        out.sort(Comparator.comparing(Labelled::image).thenComparing(Labelled::category)
                .thenComparingDouble(l -> Math.rint(l.box().x())).thenComparingDouble(l -> Math.rint(l.box().y()))
                .thenComparingDouble(l -> Math.rint(l.box().w())));
        return out;
    }
}
