package dev.loupe.spark;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local disk under a scheme of its own, {@code loupetest:}, that java.nio does not know: a job
 * given such URIs can only reach the files through the Hadoop file system API, as it reaches HDFS or
 * S3. Each call goes to Hadoop's local file system with the path's scheme swapped. Registered with
 * {@code fs.loupetest.impl} ({@code spark.hadoop.fs.loupetest.impl} for a Spark job).
 */
public final class SchemeFileSystem extends FileSystem {
    static final String SCHEME = "loupetest";
    private static final URI NAME = URI.create(SCHEME + ":///");
    private final RawLocalFileSystem disk = new RawLocalFileSystem();
    private Path workingDirectory = new Path(SCHEME + ":/");

    /** The URI of a local path under this scheme. */
    static String uri(java.nio.file.Path local) {
        return SCHEME + "://" + local.toAbsolutePath().normalize();
    }

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        super.initialize(name, conf);
        disk.initialize(URI.create("file:///"), conf);
    }

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    private Path toDisk(Path p) {
        Path q = makeQualified(p);
        return new Path("file", null, q.toUri().getPath());
    }

    private Path fromDisk(Path p) {
        return new Path(SCHEME, null, p.toUri().getPath());
    }

    private FileStatus fromDisk(FileStatus s) {
        return new FileStatus(s.getLen(), s.isDirectory(), s.getReplication(), s.getBlockSize(), s.getModificationTime(),
                fromDisk(s.getPath()));
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        return disk.open(toDisk(f), bufferSize);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize, short replication,
                                     long blockSize, Progressable progress) throws IOException {
        return disk.create(toDisk(f), permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream append(Path f, int bufferSize, Progressable progress) throws IOException {
        return disk.append(toDisk(f), bufferSize, progress);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        return disk.rename(toDisk(src), toDisk(dst));
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        return disk.delete(toDisk(f), recursive);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        FileStatus[] on = disk.listStatus(toDisk(f));
        FileStatus[] out = new FileStatus[on.length];
        for (int i = 0; i < on.length; i++) {
            out[i] = fromDisk(on[i]);
        }
        return out;
    }

    @Override
    public void setWorkingDirectory(Path dir) {
        workingDirectory = makeQualified(dir);
    }

    @Override
    public Path getWorkingDirectory() {
        return workingDirectory;
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        return disk.mkdirs(toDisk(f), permission);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        return fromDisk(disk.getFileStatus(toDisk(f)));
    }
}
