package dev.loupe.app.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.api.Scope;
import dev.loupe.app.BadRequest;
import dev.loupe.store.filter.ItemFilter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhereTextTest {
    @Test
    void theReadmeExampleCompilesToTheUrlParameters() {
        assertThat(WhereText.compile("image.brightness<0.2 and class=WBC and tag=keep")).isEqualTo(Map.of(
                "range", List.of("image.brightness::" + Math.nextDown(0.2)), "class", List.of("WBC"), "tag", List.of("keep")));
    }

    @Test
    void comparisonsAreInclusiveBoundsAndStrictOnesMoveToTheNextDouble() {
        assertThat(WhereText.compile("annotation.area>=100").get("range")).containsExactly("annotation.area:100.0:");
        assertThat(WhereText.compile("annotation.area>100").get("range")).containsExactly("annotation.area:" + Math.nextUp(100.0) + ":");
        assertThat(WhereText.compile("annotation.area<=5e2").get("range")).containsExactly("annotation.area::500.0");
        assertThat(WhereText.compile("image.channels=1").get("range")).containsExactly("image.channels:1.0:1.0");
        // Two bounds on one metric are two ranges, both of which must hold.
        assertThat(WhereText.compile("image.brightness > 0.1 AND image.brightness <= 0.3").get("range"))
                .containsExactly("image.brightness:" + Math.nextUp(0.1) + ":", "image.brightness::0.3");
    }

    @Test
    void anAnnotationOnlyTextFiltersAnnotations() {
        assertThat(FilterParameters.withWhere(Map.of("where", List.of("annotation.area>=100"))).get("scope")).containsExactly("annotation");
        assertThat(FilterParameters.withWhere(Map.of("where", List.of("annotation.area>=100 and image.brightness<0.5")))).doesNotContainKey("scope");
        // a scope given beside the text wins over the one it implies (the web app always sends one)
        assertThat(FilterParameters.filter(Map.of("scope", List.of("image"), "where", List.of("annotation.area>=100"))).scope())
                .isEqualTo(Scope.IMAGE);
        assertThat(FilterParameters.filter(Map.of("where", List.of("annotation.area>=100 and class=RBC"))))
                .isEqualTo(new ItemFilter(Scope.ANNOTATION, List.of(new ItemFilter.MetricRange("annotation.area", 100.0, null)),
                        List.of("RBC"), List.of(), List.of(), List.of()));
    }

    @Test
    void valuesAreListsOfAlternativesAndMayBeQuoted() {
        assertThat(WhereText.compile("class=WBC,\"Red cell, large\" and split=val and issue=dark")).isEqualTo(Map.of(
                "class", List.of("WBC", "Red cell, large"), "split", List.of("val"), "issue", List.of("dark")));
        assertThat(WhereText.compile("path=\"a \\\"b\\\"\"").get("path")).containsExactly("a \"b\"");
        assertThat(WhereText.compile("ids=3,4,5").get("ids")).containsExactly("3,4,5");
        assertThat(WhereText.compile("   ")).isEmpty();
    }

    @Test
    void theTextAndTheUrlGiveTheSameFilter() {
        ItemFilter fromText = FilterParameters.filter(Map.of("where",
                List.of("scope=annotation and class=WBC,RBC and image.brightness<0.7 and split=train and set=det and iou=0.75 and outcome=fn")));
        ItemFilter fromUrl = FilterParameters.filter(Map.of("scope", List.of("annotation"), "class", List.of("WBC", "RBC"),
                "range", List.of("image.brightness::" + Math.nextDown(0.7)), "split", List.of("train"), "set", List.of("det"),
                "iou", List.of("0.75"), "outcome", List.of("fn")));
        assertThat(fromText).isEqualTo(fromUrl);
    }

    @Test
    void whereMergesWithTheOtherParameters() {
        ItemFilter f = FilterParameters.filter(Map.of("tag", List.of("keep"), "where", List.of("tag=review and split=val")));
        assertThat(f.tags()).containsExactly("keep", "review");
        assertThat(f.splits()).containsExactly("val");
        assertThatThrownBy(() -> FilterParameters.filter(Map.of("scope", List.of("image"), "where", List.of("scope=annotation"))))
                .isInstanceOf(BadRequest.class).hasMessageContaining("where sets scope=annotation but the request also has scope=image");
    }

    @Test
    void mistakesNameWhatAndWhere() {
        assertThatThrownBy(() -> WhereText.compile("clas=WBC")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("unknown name 'clas'").hasMessageContaining("at character 1");
        assertThatThrownBy(() -> WhereText.compile("class=WBC or class=RBC")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("expected 'and' between conditions, found 'or'").hasMessageContaining("NAME=A,B");
        assertThatThrownBy(() -> WhereText.compile("class=WBC and class=RBC")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("class is named twice; write class=A,B");
        assertThatThrownBy(() -> WhereText.compile("image.brightness<dark")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("image.brightness < needs a number, found 'dark'").hasMessageContaining("character 18");
        assertThatThrownBy(() -> WhereText.compile("image.brightness<NaN")).hasMessageContaining("finite");
        assertThatThrownBy(() -> WhereText.compile("class<WBC")).hasMessageContaining("class takes '=', not '<'");
        assertThatThrownBy(() -> WhereText.compile("class=")).hasMessageContaining("class= needs a value");
        assertThatThrownBy(() -> WhereText.compile("path=\"abc")).hasMessageContaining("unterminated quote");
        assertThatThrownBy(() -> WhereText.compile("image.brightness")).hasMessageContaining("expected <, <=, >, >= or = after 'image.brightness'");
        assertThatThrownBy(() -> WhereText.compile("scope=image,annotation")).hasMessageContaining("scope takes one value, got 2");
    }
}
