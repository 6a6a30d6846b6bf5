package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe spark analyze ARGS}: starts the Spark job's main class in a new JVM, with Spark's
 * Java 17 options and the class path the loupe-spark module laid out in its target folder, so that
 * Spark's dependency tree never enters the CLI's. The module is found under {@code loupe.home}
 * (set by the {@code loupe} script), else beside the CLI's own jar.
 */
@Command(name = "analyze", description = {"Import a dataset and compute its metrics on Spark, writing Parquet tables that",
        "'loupe attach' opens: loupe spark analyze --master 'local[2]' --images DIR (--coco FILE | --voc DIR |",
        "--yolo DIR | --folders) -o OUT_DIR. '--help' prints the job's options."})
final class SparkAnalyzeLauncher implements Callable<Integer> {
    static final String MAIN = "dev.loupe.spark.SparkAnalyze";
    /** Environment variable: class path entries added to the job's (for example a Hadoop file system's connector). */
    static final String EXTRA_CLASS_PATH = "LOUPE_SPARK_CLASSPATH";

    @CommandLine.Unmatched
    List<String> args = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path target = home().resolve("loupe-spark").resolve("target");
        Path options = target.resolve("launch").resolve("java-options");
        if (!Files.isRegularFile(options) || !Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("spark-lib"))) {
            throw LoupeException.badInput("the Spark module is not built: " + target + " has no launch/java-options, classes/ "
                    + "or spark-lib/; build it with 'mvn -B -DskipTests package' in " + home());
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(Files.readString(options).trim().split("\\s+")));
        command.add("-cp");
        command.add(classPath(target, System.getenv(EXTRA_CLASS_PATH)));
        command.add(MAIN);
        command.addAll(args);
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        Thread err = pump(p.getErrorStream(), spec.commandLine().getErr());
        pump(p.getInputStream(), spec.commandLine().getOut()).join();
        err.join();
        return p.waitFor();
    }

    /**
     * The job's class path: the module's classes and jars, Spark's, then the entries of
     * {@value #EXTRA_CLASS_PATH} when set (a Hadoop connector such as hadoop-aws and its AWS SDK
     * bundle for s3a:// URIs, or plugin jars), as a {@code java -cp} entry list.
     */
    static String classPath(Path target, String extra) {
        List<String> entries = new ArrayList<>(List.of(target.resolve("classes").toString(),
                target.resolve("lib").resolve("*").toString(), target.resolve("spark-lib").resolve("*").toString()));
        if (extra != null && !extra.isBlank()) {
            entries.add(extra.strip());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The Loupe checkout: {@code loupe.home}, else two folders above the CLI's jar or classes folder. */
    static Path home() {
        String home = System.getProperty("loupe.home");
        if (home != null) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        try {
            Path code = Path.of(SparkAnalyzeLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException | NullPointerException e) {
            return Path.of(".").toAbsolutePath().normalize();
        }
    }

    /** Copies a child's output to a writer as it comes (the terminal, or a test's buffer). */
    private static Thread pump(InputStream in, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                char[] buf = new char[8192];
                int n;
                while ((n = r.read(buf)) > 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the child is gone; its exit code says how it ended
            }
        }, "loupe-spark-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
