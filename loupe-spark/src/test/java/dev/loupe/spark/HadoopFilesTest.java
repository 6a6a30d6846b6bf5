package dev.loupe.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which command-line locations are URIs of a Hadoop file system, and which stay local paths. */
class HadoopFilesTest {
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
