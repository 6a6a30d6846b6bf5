package dev.loupe.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --fashion DIR} option of the benches that read Fashion-MNIST (a picocli mixin): where
 * Debian's {@code dataset-fashion-mnist} puts its IDX files by default, and the one "skipped" line
 * a bench prints when they are not there.
 */
final class FashionMnistOption {
    static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

    @Option(names = "--fashion", paramLabel = "DIR", defaultValue = DEBIAN_DIR,
            description = "Fashion-MNIST IDX files (Debian's dataset-fashion-mnist; default: ${DEFAULT-VALUE}); 'none' skips it")
    String dir;

    /** The folder, or null when the user passed 'none'. */
    Path dir() {
        return "none".equals(dir) ? null : Path.of(dir);
    }

    /** Whether the folder holds the training and test IDX images. */
    boolean present() {
        Path d = dir();
        return d != null && Files.isRegularFile(d.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(d.resolve("t10k-images-idx3-ubyte.gz"));
    }

    /** The line a bench prints when it skips Fashion-MNIST. */
    String skipped() {
        return "none".equals(dir) ? "skipped (--fashion none)" : "skipped, no Fashion-MNIST at " + dir
                + " (Debian: apt-get install dataset-fashion-mnist; or pass --fashion DIR)";
    }
}
