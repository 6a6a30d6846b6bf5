package dev.loupe.spark;

import dev.loupe.core.image.ImageHeaders;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Files on a Hadoop file system (HDFS, S3 through s3a, or any other with a connector on the class
 * path), for the job's inputs and output given as URIs: listing, copying to and from local
 * folders, reading. Serializable with the driver's Hadoop configuration, so that executors reach
 * the same file systems with the same credentials.
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * A URI: a scheme of two or more characters and a slash ("hdfs://nn/x", "hdfs:///x", "s3a://bucket/x",
     * "file:/x", and Hadoop's own form of a path without an authority, "hdfs:/x"); a local name with a colon
     * ("C:\\x", "C:/x", "a:b") stays a path.
     */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:/.*", Pattern.DOTALL);

    private final SerializableConfiguration conf;

    HadoopFiles(Configuration conf) {
        this.conf = new SerializableConfiguration(conf);
    }

    /** Whether a location given on the command line is a URI for a Hadoop file system rather than a local path. */
    static boolean isUri(String location) {
        return location != null && SCHEME.matcher(location).matches();
    }

    /** The location as a path of its file system, absolute and qualified (scheme and authority filled in). */
    Path path(String location) throws IOException {
        Path p = new Path(location);
        return p.getFileSystem(conf.value()).makeQualified(p);
    }

    /** A file under a folder, by its '/'-separated relative path. */
    Path child(String root, String relativePath) throws IOException {
        try {
            URI base = path(root).toUri();
            String dir = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
            return new Path(new URI(base.getScheme(), base.getAuthority(), dir + relativePath, null, null));
        } catch (URISyntaxException e) {
            throw new IOException("not a file name under " + root + ": " + relativePath + " (" + e.getMessage() + ")", e);
        }
    }

    private FileSystem fs(Path p) throws IOException {
        return p.getFileSystem(conf.value());
    }

    boolean exists(String location) throws IOException {
        Path p = path(location);
        return fs(p).exists(p);
    }

    boolean isFolder(String location) throws IOException {
        Path p = path(location);
        return fs(p).exists(p) && fs(p).getFileStatus(p).isDirectory();
    }

    /**
     * Whether a folder is missing or has no entries but {@code except} (an output folder may be
     * either; null excepts nothing).
     */
    boolean isMissingOrEmpty(String location, String except) throws IOException {
        Path p = path(location);
        FileSystem fs = fs(p);
        if (!fs.exists(p)) {
            return true;
        }
        if (!fs.getFileStatus(p).isDirectory()) {
            return false;
        }
        for (FileStatus entry : fs.listStatus(p)) {
            if (!entry.getPath().getName().equals(except)) {
                return false;
            }
        }
        return true;
    }

    /** An image file under a folder: its '/'-separated path relative to the folder and its size. */
    record RemoteImage(String relativePath, long length) implements Serializable {
    }

    /** The image files (by extension, as a local folder is scanned) under a folder and its sub-folders, sorted by path. */
    List<RemoteImage> listImages(String root) throws IOException {
        Path p = path(root);
        FileSystem fs = fs(p);
        if (!fs.exists(p) || !fs.getFileStatus(p).isDirectory()) {
            throw new FileNotFoundException("images folder (--images) not found: " + root);
        }
        String prefix = p.toUri().getPath().endsWith("/") ? p.toUri().getPath() : p.toUri().getPath() + "/";
        List<RemoteImage> images = new ArrayList<>();
        for (FileStatus f : files(fs, p)) {
            String path = f.getPath().toUri().getPath();
            if (f.isFile() && path.startsWith(prefix) && ImageHeaders.isImageFile(java.nio.file.Path.of(f.getPath().getName()))) {
                images.add(new RemoteImage(path.substring(prefix.length()), f.getLen()));
            }
        }
        images.sort(Comparator.comparing(RemoteImage::relativePath));
        return images;
    }

    /**
     * Every file under a folder. Hadoop's local file system walks the tree with listStatus: its
     * recursive listFiles reads each file's permissions, which without Hadoop's native library
     * starts an 'ls' process per file (10^5 images took over 10 minutes). Other file systems list
     * recursively in one call (S3A: flat, paged listings instead of one per folder).
     */
    private static List<FileStatus> files(FileSystem fs, Path root) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        if (fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem) {
            ArrayDeque<Path> folders = new ArrayDeque<>(List.of(root));
            while (!folders.isEmpty()) {
                for (FileStatus f : fs.listStatus(folders.pop())) {
                    if (f.isDirectory()) {
                        folders.push(f.getPath());
                    } else {
                        files.add(f);
                    }
                }
            }
        } else {
            RemoteIterator<LocatedFileStatus> listed = fs.listFiles(root, true);
            while (listed.hasNext()) {
                files.add(listed.next());
            }
        }
        return files;
    }

    InputStream open(Path file) throws IOException {
        return fs(file).open(file);
    }

    long length(Path file) throws IOException {
        return fs(file).getFileStatus(file).getLen();
    }

    /** Copies a file or a folder (with everything under it) to a local path, replacing files of the same names. */
    void download(String location, java.nio.file.Path local) throws IOException {
        download(location, local, null);
    }

    /**
     * As {@link #download(String, java.nio.file.Path)}, leaving out the images folder {@code images}
     * (a location, or null) when it lies inside (a VOC folder holds its JPEGImages), and the image
     * files when the folder is the images folder itself (YOLO's text files beside the images): the
     * labels need neither, and the images are read where they are.
     */
    void download(String location, java.nio.file.Path local, String images) throws IOException {
        Path p = path(location);
        Path imageFolder = images == null ? null : path(images);
        copy(fs(p), p, local, imageFolder, p.equals(imageFolder));
    }

    private void copy(FileSystem fs, Path p, java.nio.file.Path local, Path imageFolder, boolean noImages) throws IOException {
        FileStatus status = fs.getFileStatus(p);
        if (status.isDirectory()) {
            Files.createDirectories(local);
            for (FileStatus child : fs.listStatus(p)) {
                Path c = fs.makeQualified(child.getPath());
                boolean image = child.isFile() && ImageHeaders.isImageFile(java.nio.file.Path.of(c.getName()));
                if (!c.equals(imageFolder) && !(noImages && image)) {
                    copy(fs, c, local.resolve(c.getName()), imageFolder, noImages);
                }
            }
        } else {
            Files.createDirectories(local.toAbsolutePath().getParent());
            try (InputStream in = fs.open(p)) {
                Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Copies a local file or folder to a location, replacing a file of the same name. */
    void upload(java.nio.file.Path local, String location) throws IOException {
        Path p = path(location);
        FileSystem fs = fs(p);
        if (Files.isDirectory(local)) {
            fs.mkdirs(p);
            try (Stream<java.nio.file.Path> children = Files.list(local)) {
                for (java.nio.file.Path child : children.sorted().toList()) {
                    upload(child, resolve(p.toString(), child.getFileName().toString()));
                }
            }
        } else {
            try (OutputStream out = fs.create(p, true)) {
                Files.copy(local, out);
            }
        }
    }

    /** Deletes a file or a folder with everything under it; nothing when it does not exist. */
    void delete(String location) throws IOException {
        Path p = path(location);
        fs(p).delete(p, true);
    }

    /** A location under a folder location. */
    static String resolve(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }
}
