package dev.loupe.knn;

import java.io.IOException;
import java.util.function.Consumer;

/** Rows 0, 1, ... of an index to build, prepared (unit length), handed to a sink one at a time from one thread. */
public interface RowSource {
    void forEach(Consumer<float[]> sink) throws IOException;
}
