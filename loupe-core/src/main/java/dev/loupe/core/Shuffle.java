package dev.loupe.core;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The one seeded Fisher–Yates shuffle of the project (split assignment, cross-validation folds,
 * benchmarks): from the last position down, each element swapped with one at or before it drawn by
 * {@code random.nextInt(i + 1)}. The same seed gives the same order on every machine and release;
 * a user's split or fold assignment depends on it, so the draw order must not change.
 */
public final class Shuffle {
    private Shuffle() {
    }

    /** Shuffles {@code list} in place. */
    public static <T> void inPlace(List<T> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    /** 0, 1, ..., n - 1 in shuffled order. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
