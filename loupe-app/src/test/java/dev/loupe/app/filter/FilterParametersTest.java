package dev.loupe.app.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.Scope;
import dev.loupe.app.BadRequest;
import dev.loupe.store.filter.ItemFilter;
import dev.loupe.store.browse.SearchRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterParametersTest {
    @Test
    void readsEveryParameterOfTheUrl() {
        Map<String, List<String>> p = new java.util.HashMap<>(Map.of("scope", List.of("annotation"),
                "range", List.of("annotation.area:10:", "image.brightness::0.5"), "class", List.of("WBC", ""), "tag", List.of("keep"),
                "issue", List.of("dark"), "split", List.of("val")));
        p.putAll(Map.of("ids", List.of("3, 4"), "path", List.of(" Blood "), "set", List.of("det"), "iou", List.of("0.75"), "outcome", List.of("fn")));
        ItemFilter f = FilterParameters.filter(p);
        assertThat(f.scope()).isEqualTo(Scope.ANNOTATION);
        assertThat(f.ranges()).containsExactly(new ItemFilter.MetricRange("annotation.area", 10.0, null),
                new ItemFilter.MetricRange("image.brightness", null, 0.5));
        assertThat(f.classes()).containsExactly("WBC");
        assertThat(f.ids()).containsExactly(3L, 4L);
        assertThat(f.path()).isEqualTo("Blood");
        assertThat(f.outcome().set()).isEqualTo("det");
        assertThat(f.outcome().tIndex()).isEqualTo(15); // index i is IoU i × 0.05
        assertThat(f.outcome().outcomes()).containsExactly("fn");
        assertThat(FilterParameters.filter(Map.of())).isEqualTo(ItemFilter.all(Scope.IMAGE));
    }

    @Test
    void readsASearch() {
        SearchRequest s = FilterParameters.search(Map.of("sort", List.of("image.brightness"), "order", List.of("desc"),
                "offset", List.of("60"), "limit", List.of("30")));
        assertThat(s.sortMetric()).isEqualTo("image.brightness");
        assertThat(s.descending()).isTrue();
        assertThat(s.offset()).isEqualTo(60);
        assertThat(s.limit()).isEqualTo(30);
    }

    @Test
    void sortByIdsWithoutTheIdsParameterIsABadRequestNamingIt() {
        // The store's own error names no HTTP parameter; the adapter says which one is missing.
        assertThatThrownBy(() -> FilterParameters.search(Map.of("sort", List.of("ids")))).isInstanceOf(BadRequest.class)
                .hasMessage("sort=ids keeps the order of the ids parameter, which is missing");
        assertThat(FilterParameters.search(Map.of("sort", List.of("ids"), "ids", List.of("3,1"))).filter().ids())
                .containsExactly(3L, 1L);
    }

    @Test
    void malformedValuesAreBadRequestsNamingTheValue() {
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("range", List.of("image.brightness:x:")))).isInstanceOf(BadRequest.class)
                .hasMessage("range image.brightness:x:: 'x' is not a number");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("range", List.of("image.brightness")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("range must be METRIC:MIN:MAX");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("scope", List.of("pixel")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("scope must be image, annotation or prediction, got 'pixel'");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("scope", List.of("prediction")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("scope=prediction needs set");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("set", List.of("det"), "iou", List.of("0.52")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("iou");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("ids", List.of("1,-2")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("got '-2'");
        assertThatThrownBy(() -> FilterParameters.search(Map.of("limit", List.of("501")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("limit must be between 1 and 500, got 501");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("wrong", List.of("1")))).isInstanceOf(BadRequest.class)
                .hasMessageContaining("predicted and wrong need classifier");
    }
}
