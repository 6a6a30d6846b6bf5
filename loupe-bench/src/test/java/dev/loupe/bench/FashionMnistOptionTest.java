package dev.loupe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benches' --fashion option: 'none', a folder without the IDX files, and one with them. */
class FashionMnistOptionTest {
    @TempDir
    Path tmp;

    @Test
    void presentOnlyWithBothImageFiles() throws IOException {
        FashionMnistOption o = new FashionMnistOption();
        o.dir = "none";
        assertThat(o.dir()).isNull();
        assertThat(o.present()).isFalse();
        assertThat(o.skipped()).isEqualTo("skipped (--fashion none)");
        o.dir = tmp.toString();
        Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), new byte[] {1});
        assertThat(o.present()).as("the test images are missing").isFalse();
        assertThat(o.skipped()).contains("no Fashion-MNIST at " + tmp, "apt-get install dataset-fashion-mnist");
        Files.write(tmp.resolve("t10k-images-idx3-ubyte.gz"), new byte[] {1});
        assertThat(o.present()).isTrue();
    }
}
