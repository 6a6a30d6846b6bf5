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
    void copiesALabelFolderWithoutTheImagesFolderInsideItOrTheImagesBesideItsTexts() throws Exception {
        Path voc = tmp.resolve("VOC");
        Files.createDirectories(voc.resolve("Annotations"));
        Files.createDirectories(voc.resolve("JPEGImages"));
        Files.createDirectories(voc.resolve("ImageSets/Main"));
        Files.writeString(voc.resolve("Annotations/a.xml"), "<annotation/>");
        Files.writeString(voc.resolve("ImageSets/Main/train.txt"), "a");
        Files.write(voc.resolve("JPEGImages/a.jpg"), new byte[100]);
        HadoopFiles files = new HadoopFiles(new Configuration());
        Path local = tmp.resolve("copy");
        files.download("file://" + voc, local, "file://" + voc.resolve("JPEGImages"));
        assertThat(local.resolve("Annotations/a.xml")).hasContent("<annotation/>");
        assertThat(local.resolve("ImageSets/Main/train.txt")).hasContent("a");
        assertThat(local.resolve("JPEGImages")).doesNotExist();
        Path texts = tmp.resolve("texts");
        files.download("file://" + voc.resolve("JPEGImages"), texts, "file://" + voc.resolve("JPEGImages"));
        Files.writeString(voc.resolve("JPEGImages/a.txt"), "0 0.5 0.5 0.1 0.1");
        files.download("file://" + voc.resolve("JPEGImages"), texts, "file://" + voc.resolve("JPEGImages"));
        assertThat(texts.resolve("a.txt")).hasContent("0 0.5 0.5 0.1 0.1");
        assertThat(texts.resolve("a.jpg")).doesNotExist();
        Path whole = tmp.resolve("whole");
        files.download("file://" + voc, whole);
        assertThat(whole.resolve("JPEGImages/a.jpg")).hasSize(100);
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
