package dev.loupe.core.metrics.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.api.AnnotationMetric;
import dev.loupe.api.DatasetMetric;
import dev.loupe.api.Metric;
import dev.loupe.api.Scope;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class RegistrationTest {
    @Test
    void everyAnnotationAndDatasetMetricIsFoundByTheServiceLoader() {
        Map<String, Metric> byId = new HashMap<>();
        ServiceLoader.load(Metric.class).forEach(m -> byId.put(m.descriptor().id(), m));
        for (String name : new String[] {"area", "relative_area", "width", "height", "aspect_ratio", "border_proximity",
                "duplicate_overlap", "max_iou", "degenerate", "out_of_bounds", "confidence", "random", "brightness",
                "contrast", "sharpness", "red_fraction", "green_fraction", "blue_fraction", "hu_1", "hu_2", "hu_3",
                "hu_4", "hu_5", "hu_6", "hu_7"}) {
            assertThat(byId.get("annotation." + name)).as(name).isInstanceOf(AnnotationMetric.class);
            assertThat(byId.get("annotation." + name).descriptor().scope()).isEqualTo(Scope.ANNOTATION);
        }
        for (String id : new String[] {"annotation.class_frequency", "annotation.shape_anomaly",
                "image.duplicate_group_size", "image.near_duplicate_distance"}) {
            assertThat(byId.get(id)).as(id).isInstanceOf(DatasetMetric.class);
            for (String input : ((DatasetMetric) byId.get(id)).inputs()) {
                assertThat(byId).as(id + " reads " + input).containsKey(input);
            }
        }
    }
}
