package dev.loupe.core.geometry;

import java.util.Arrays;

/** A growable list of ints (package-private helper; avoids boxing in the run-length code). */
final class IntList {
    private int[] data;
    private int size;

    IntList(int initialCapacity) {
        data = new int[Math.max(4, initialCapacity)];
    }

    void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = value;
    }

    /** Adds {@code delta} to the last element; the list must not be empty. */
    void addToLast(int delta) {
        data[size - 1] += delta;
    }

    int get(int index) {
        return data[index];
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
