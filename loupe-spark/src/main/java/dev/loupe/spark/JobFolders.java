package dev.loupe.spark;

import dev.loupe.core.image.ImageDecoder;
import dev.loupe.core.image.ImageFolder;
import dev.loupe.core.model.ImageRecord;
import dev.loupe.store.parquet.ImageRange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where a distributed run's partitions find their input tables and images and put their output
 * tables: folders every executor reaches at the same local path (a shared file system), or
 * locations on a Hadoop file system (HDFS, S3), which a partition copies its share of to a local
 * folder, and its output from one. The input tables are cut by partition ({@link #rangeFile}), so
 * that a partition copies only its own images' rows.
 *
 * @param input  the input tables' folder: a local path or a URI
 * @param output the output tables' folder: a local path or a URI
 * @param images the images folder's URI, or null when the partitions read the images where the
 *               project says they are
 * @param files  the Hadoop file systems, or null when nothing is on one
 */
record JobFolders(String input, String output, String images, HadoopFiles files) implements Serializable {
    /** The input tables cut by partition; the others are copied whole. */
    static final List<String> RANGED = List.of("images", "annotations");

    static JobFolders local(Path input, Path output) {
        return new JobFolders(input.toString(), output.toString(), null, null);
    }

    /** Whether the input and output tables are on a Hadoop file system. */
    boolean remoteTables() {
        return HadoopFiles.isUri(input);
    }

    /** The file of one partition in a table's folder, named by its images: a retried partition replaces it. */
    static String rangeFile(ImageRange range) {
        return String.format("images-%012d-%012d.parquet", range.first(), range.last());
    }

    /** Some input tables of a partition as a local folder: the shared one, or a copy of its share under {@code local}. */
    Path inputFor(ImageRange range, Path local, List<String> tables) throws IOException {
        if (!remoteTables()) {
            return Path.of(input);
        }
        for (String table : tables) {
            String folder = HadoopFiles.resolve(input, table);
            if (RANGED.contains(table)) {
                String file = HadoopFiles.resolve(folder, rangeFile(range));
                if (files.exists(file)) {
                    files.download(file, local.resolve(table).resolve(rangeFile(range)));
                }
            } else if (files.exists(folder)) {
                files.download(folder, local.resolve(table));
            }
        }
        return local;
    }

    /** The folder a partition's output tables are written to: the shared one, or a local one {@link #publish} copies out. */
    Path outputFor(Path local) {
        return remoteTables() ? local : Path.of(output);
    }

    /** Copies a partition's output files (one per table, named {@code fileName}) out, replacing those of an earlier attempt. */
    void publish(Path localOutput, String fileName) throws IOException {
        if (!remoteTables()) {
            return;
        }
        try (Stream<Path> tables = Files.list(localOutput)) {
            for (Path table : tables.filter(Files::isDirectory).sorted().toList()) {
                Path file = table.resolve(fileName);
                if (Files.isRegularFile(file)) {
                    files.upload(file, HadoopFiles.resolve(HadoopFiles.resolve(output, table.getFileName().toString()), fileName));
                }
            }
        }
    }

    /**
     * Copies a partition's images from the images URI to a local folder, at their relative paths. A
     * file that is not there is left out (the metric runner then records it as not found, as for a
     * local folder), as is a path that would leave the folder; a file larger than an image may be
     * becomes an empty file of its length, which the runner refuses by size as it refuses the file.
     */
    void fetchImages(List<ImageRecord> partition, Path local) throws IOException {
        ImageFolder folder = new ImageFolder(Files.createDirectories(local));
        for (ImageRecord image : partition) {
            Path target = folder.resolve(image.path());
            if (target == null) {
                continue;
            }
            org.apache.hadoop.fs.Path source = files.child(images, image.path());
            long length;
            try {
                length = files.length(source);
            } catch (FileNotFoundException e) {
                continue;
            }
            Files.createDirectories(target.getParent());
            if (length > ImageDecoder.MAX_FILE_BYTES) {
                try (RandomAccessFile placeholder = new RandomAccessFile(target.toFile(), "rw")) {
                    placeholder.setLength(length);
                }
                continue;
            }
            try (InputStream in = files.open(source)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
