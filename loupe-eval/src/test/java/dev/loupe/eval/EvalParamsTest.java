package dev.loupe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvalParamsTest {

    @Test
    void defaultsAreCocos() {
        EvalParams p = EvalParams.defaults(IouType.SEGM);
        assertThat(p.iouType()).isEqualTo(IouType.SEGM);
        assertThat(p.iouThresholds()).hasSize(10).startsWith(.5).endsWith(.95);
        assertThat(p.iouIndex(.5)).isZero();
        assertThat(p.iouIndex(.75)).isEqualTo(5);
        assertThat(p.iouIndex(.9)).as("linspace gives 0.8999999999999999").isEqualTo(-1);
        assertThat(p.recallThresholds()).hasSize(101).startsWith(0.0, .01).endsWith(1.0);
        assertThat(p.maxDets()).containsExactly(1, 10, 100);
        assertThat(p.maxDetsLimit()).isEqualTo(100);
        assertThat(p.areaRanges()).extracting(AreaRange::label).containsExactly("all", "small", "medium", "large");
        assertThat(p.areaRanges().get(2)).isEqualTo(new AreaRange("medium", 1024, 9216));
        assertThat(p.useCategories()).isTrue();
    }

    @Test
    void areaBoundsAreInclusive() {
        AreaRange small = EvalParams.COCO_AREA_RANGES.get(1);
        assertThat(small.excludes(1024)).isFalse();
        assertThat(small.excludes(1024.0001)).isTrue();
        assertThat(small.excludes(0)).isFalse();
    }

    @Test
    void invalidParametersAreRejected() {
        EvalParams p = EvalParams.defaults(IouType.BBOX);
        assertThatThrownBy(() -> p.withMaxDets(List.of(0, 10))).hasMessageContaining("maxDets");
        assertThatThrownBy(() -> new EvalParams(IouType.BBOX, List.of(1.5), p.recallThresholds(), p.maxDets(),
                p.areaRanges(), true)).hasMessageContaining("1.5");
        assertThatThrownBy(() -> new EvalParams(IouType.BBOX, p.iouThresholds(), List.of(.5, .2), p.maxDets(),
                p.areaRanges(), true)).hasMessageContaining("ascending");
        assertThatThrownBy(() -> new EvalParams(IouType.BBOX, p.iouThresholds(), p.recallThresholds(), p.maxDets(),
                List.of(new AreaRange("all", 0, 1), new AreaRange("all", 0, 2)), true)).hasMessageContaining("twice");
        assertThatThrownBy(() -> new AreaRange("x", 5, 1)).hasMessageContaining("min 5");
    }
}
