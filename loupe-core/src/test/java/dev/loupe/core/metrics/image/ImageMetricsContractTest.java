package dev.loupe.core.metrics.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.ImageHashMetric;
import dev.loupe.api.ImageMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.PixelImage;
import dev.loupe.api.ValueKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every image metric of this package: registered, deterministic, within its declared range, no crash on odd inputs. */
class ImageMetricsContractTest {
    static List<Metric> all() {
        return List.of(new ImageWidth(), new ImageHeight(), new ImageArea(), new AspectRatio(), new FileSize(),
                new Channels(), new Brightness(), new Contrast(), new Sharpness(), new SharpnessGrey(),
                new SharpnessNormalised(), new RedFraction(), new GreenFraction(), new BlueFraction(),
                new SaturationMean(), new PerceivedBrightness(), new PerceivedBrightnessP1(),
                new PerceivedBrightnessP5(), new PerceivedBrightnessP99(), new Entropy(), new GreyHistStd(),
                new BlurrinessCleanVision(), new Colourfulness(), new ObjectCount(), new ObjectDensity(),
                new RandomBaseline(), new PixelHash(), new PHash(), new DHash());
    }

    static List<PixelImage> oddImages() {
        SplittableRandom r = new SplittableRandom(7);
        byte[] noise = new byte[3 * 97 * 65];
        r.nextBytes(noise);
        byte[] tall = new byte[3 * 2 * 300];
        r.nextBytes(tall);
        return List.of(TestImages.uniform(1, 1, 200, 10, 90), TestImages.uniform(1, 1, 0, 0, 0),
                TestImages.grey(new int[][] {{0, 255}, {255, 0}}), new PixelImage(97, 65, noise, 3, 8, false),
                new PixelImage(2, 300, tall, 3, 8, false), TestImages.uniform(300, 1, 255, 255, 255));
    }

    @Test
    void everyMetricIsListedInTheServiceFile() throws IOException {
        String services;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/services/dev.loupe.api.Metric")) {
            services = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> ids = new HashSet<>();
        for (Metric m : all()) {
            assertThat(services.lines()).as(m.getClass().getName()).contains(m.getClass().getName());
            assertThat(ids.add(m.descriptor().id())).as("duplicate id " + m.descriptor().id()).isTrue();
        }
    }

    @Test
    void valuesAreDeterministicAndWithinTheDeclaredKind() {
        for (PixelImage px : oddImages()) {
            for (Metric m : all()) {
                String where = m.descriptor().id() + " on " + px.width() + "x" + px.height();
                // A fresh PixelImage each time: derived planes must not leak between images.
                PixelImage copy = new PixelImage(px.width(), px.height(), px.rgb().clone(), px.channels(), 8, false);
                if (m instanceof ImageHashMetric hm) {
                    String a = hm.compute(new TestImages.Ctx(px));
                    assertThat(hm.compute(new TestImages.Ctx(copy))).as(where).isEqualTo(a);
                    assertThat(a).as(where).matches("[0-9a-f]+");
                    continue;
                }
                double v = ((ImageMetric) m).compute(new TestImages.Ctx(px));
                assertThat(((ImageMetric) m).compute(new TestImages.Ctx(copy))).as(where).isEqualTo(v);
                assertThat(v).as(where).isNotNaN();
                ValueKind kind = m.descriptor().kind();
                assertThat(v).as(where).isGreaterThanOrEqualTo(0.0);
                if (kind == ValueKind.UNIT_INTERVAL) {
                    assertThat(v).as(where).isLessThanOrEqualTo(1.0);
                }
                if (kind == ValueKind.NON_NEGATIVE_INTEGER) {
                    assertThat(v).as(where).isEqualTo(Math.rint(v));
                }
            }
        }
    }
}
