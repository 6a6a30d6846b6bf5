package dev.loupe.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.app.BadRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {
    @Test
    void countsAreTheLargestRemaindersOfTheShares() {
        // 364 x (0.8, 0.1, 0.1) = 291.2, 36.4, 36.4: floors 291 + 36 + 36 = 363, the one left goes to the first .4 (val)
        assertThat(SplitAssigner.counts(364, new double[] {0.8, 0.1, 0.1})).containsExactly(291, 37, 36);
        assertThat(SplitAssigner.counts(10, new double[] {0.7, 0.3})).containsExactly(7, 3);
        assertThat(SplitAssigner.counts(1, new double[] {0.5, 0.5})).containsExactly(1, 0);
        assertThat(SplitAssigner.counts(0, new double[] {0.8, 0.2})).containsExactly(0, 0);
    }

    @Test
    void theSameSeedGivesTheSameSplitsAndAnotherSeedOthers() {
        List<Long> ids = LongStream.rangeClosed(1, 100).boxed().toList();
        SplitPlan plan = SplitPlan.parse("train=0.8,val=0.1,test=0.1", 7, false);
        Map<Long, String> a = SplitAssigner.assign(ids, Map.of(), plan);
        List<Long> reversed = new java.util.ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertThat(SplitAssigner.assign(reversed, Map.of(), plan)).isEqualTo(a);
        assertThat(SplitAssigner.assign(ids, Map.of(), SplitPlan.parse("train=0.8,val=0.1,test=0.1", 8, false))).isNotEqualTo(a);
        assertThat(a.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .isEqualTo(Map.of("train", 80L, "val", 10L, "test", 10L));
    }

    @Test
    void stratifiedDealsEachClassInTheShares() {
        // 6 images of class 1, 4 of class 2, 2 without a class; halves: 3 + 3, 2 + 2, 1 + 1
        List<Long> ids = LongStream.rangeClosed(1, 12).boxed().toList();
        Map<Long, Integer> main = new HashMap<>();
        for (long i = 1; i <= 6; i++) {
            main.put(i, 1);
        }
        for (long i = 7; i <= 10; i++) {
            main.put(i, 2);
        }
        Map<Long, String> split = SplitAssigner.assign(ids, main, SplitPlan.parse("a=0.5,b=0.5", 3, true));
        for (int cls : new int[] {1, 2, SplitAssigner.NO_CLASS}) {
            Map<String, Long> n = ids.stream().filter(i -> main.getOrDefault(i, SplitAssigner.NO_CLASS) == cls)
                    .collect(Collectors.groupingBy(split::get, Collectors.counting()));
            assertThat(n.get("a")).isEqualTo(n.get("b"));
        }
    }

    @Test
    void theMainClassIsTheMostFrequentThenTheLowestId() {
        var box = new dev.loupe.core.model.Geometry.BoxShape(new dev.loupe.core.geometry.Box(0, 0, 1, 1));
        var a = dev.loupe.core.model.Annotation.of(1, 1, 2, box, null);
        var b = dev.loupe.core.model.Annotation.of(2, 1, 3, box, null);
        var c = dev.loupe.core.model.Annotation.of(3, 1, 3, box, null);
        var d = dev.loupe.core.model.Annotation.of(4, 2, 5, box, null);
        var e = dev.loupe.core.model.Annotation.of(5, 2, 4, box, null);
        assertThat(SplitAssigner.mainClasses(Map.of(1L, List.of(a, b, c), 2L, List.of(d, e), 3L, List.of())))
                .isEqualTo(Map.of(1L, 3, 2L, 4));
    }

    @Test
    void aMalformedPlanIsABadRequest() {
        assertThatThrownBy(() -> SplitPlan.parse("train=0.8,val=0.1", 0, false)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("must sum to 1");
        assertThatThrownBy(() -> SplitPlan.parse("train=0.8,../x=0.2", 0, false)).isInstanceOf(BadRequest.class)
                .hasMessageContaining("split name '../x'");
        assertThatThrownBy(() -> SplitPlan.parse("train=x", 0, false)).isInstanceOf(BadRequest.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> SplitPlan.parse("a=0.5,a=0.5", 0, false)).isInstanceOf(BadRequest.class).hasMessageContaining("named twice");
    }
}
