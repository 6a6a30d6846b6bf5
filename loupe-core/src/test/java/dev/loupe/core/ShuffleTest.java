package dev.loupe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShuffleTest {
    /**
     * Users' split and fold assignments depend on this order, so it is pinned (drawn from the end,
     * j = nextInt(i + 1), as the split assigner, the folds and the benches drew it before they shared
     * this class): a change of the draw order fails here before it moves anyone's split.
     */
    @Test
    void theOrderOfASeedIsPinned() {
        assertThat(Shuffle.permutation(10, new SplittableRandom(7))).containsExactly(1, 5, 0, 4, 2, 8, 7, 3, 9, 6);
        List<Integer> list = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Shuffle.inPlace(list, new SplittableRandom(7));
        assertThat(list).containsExactly(1, 5, 0, 4, 2, 8, 7, 3, 9, 6);
    }

    @Test
    void emptyAndSingle() {
        assertThat(Shuffle.permutation(0, new SplittableRandom(1))).isEmpty();
        assertThat(Shuffle.permutation(1, new SplittableRandom(1))).containsExactly(0);
    }
}
