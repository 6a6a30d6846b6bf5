package dev.loupe.knn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileTest {
    @TempDir
    Path tmp;

    @Test
    void rowsThatStraddleChunksReadWhole() throws IOException {
        float[] values = new float[1000];
        ByteBuffer b = ByteBuffer.allocate(4000).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.5f - 7;
            b.putFloat(values[i]);
        }
        Path f = tmp.resolve("f");
        Files.write(f, b.array());
        MappedFile m = MappedFile.open(f, 4000, 36); // 9 floats a chunk: rows of 7 straddle
        for (int row = 0; row < values.length / 7; row++) {
            float[] got = new float[7];
            m.floats(row * 7L, got, 0, 7);
            assertThat(got).containsExactly(java.util.Arrays.copyOfRange(values, row * 7, row * 7 + 7));
        }
        byte[] bytes = new byte[50];
        m.bytes(30, bytes, 0, 50);
        assertThat(bytes).containsExactly(java.util.Arrays.copyOfRange(b.array(), 30, 80));
        assertThat(m.floatAt(999)).isEqualTo(values[999]);
    }
}
