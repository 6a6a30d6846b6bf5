package dev.loupe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which command-line locations are URIs of a Hadoop file system, and which stay local paths. */
class HadoopFilesTest {
    @TempDir
    Path tmp;

    @Test
    void listsTheImagesOfALocalTreeByTheirRelativePaths() throws Exception {
        Files.createDirectories(tmp.resolve("a/b"));
        Files.write(tmp.resolve("x.jpg"), new byte[3]);
        Files.write(tmp.resolve("a/y.PNG"), new byte[5]);
        Files.write(tmp.resolve("a/b/z.jpeg"), new byte[7]);
        Files.writeString(tmp.resolve("a/notes.txt"), "not an image");
        HadoopFiles files = new HadoopFiles(new Configuration());
        assertThat(files.listImages("file://" + tmp)).containsExactly(new HadoopFiles.RemoteImage("a/b/z.jpeg", 7),
                new HadoopFiles.RemoteImage("a/y.PNG", 5), new HadoopFiles.RemoteImage("x.jpg", 3));
    }

    @Test
    void aUriHasASchemeAndASlash() {
        assertThat(HadoopFiles.isUri("hdfs://namenode:8020/data/images")).isTrue();
        assertThat(HadoopFiles.isUri("hdfs:///data/images")).isTrue();
        assertThat(HadoopFiles.isUri("s3a://bucket/images/")).isTrue();
        assertThat(HadoopFiles.isUri("file:///tmp/x")).isTrue();
        assertThat(HadoopFiles.isUri("file:/tmp/x")).isTrue();
        assertThat(HadoopFiles.isUri("hdfs:/data/images")).isTrue();
        assertThat(HadoopFiles.isUri("/data/images")).isFalse();
        assertThat(HadoopFiles.isUri("images")).isFalse();
        assertThat(HadoopFiles.isUri("C:\\data\\images")).isFalse();
        assertThat(HadoopFiles.isUri("C:/data/images")).isFalse();
        assertThat(HadoopFiles.isUri("odd:name/images")).isFalse();
        assertThat(HadoopFiles.isUri(null)).isFalse();
    }
}
