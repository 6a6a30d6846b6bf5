package dev.loupe.server;

import dev.loupe.app.BadRequest;
import io.javalin.http.Context;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code POST /jobs}: runs a CLI command for a CLI process that found this server holding the
 * project ({@link ServerRegistration}). Only callers on this machine that present the
 * registration's key are served. Commands that write the project run one at a time; readers run
 * beside them and beside the web app's requests (DuckDB connections of one process see each
 * other's commits). After a writing command the project's {@link #version() version} moves on, which
 * the web app polls to pick up the new data without a restart.
 *
 * <p>The response streams frames until the command ends: one byte of type ({@link #OUT}, {@link #ERR},
 * {@link #EXIT}, {@link #BEAT}), a four-byte big-endian length, then the payload (UTF-8 text; for
 * EXIT the four-byte exit code). A heartbeat every few seconds keeps a quiet command's connection open.
 * A caller that goes away (Ctrl-C) stops receiving; the command runs to its end, as every
 * long command of Loupe is resumable and leaves no half-written state.
 */
final class ProjectJobs {
    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    static final byte BEAT = 0;
    static final long BEAT_SECONDS = 5;

    /** What a caller asks: its command line, its working directory, and whether the command writes the project. */
    record JobRequest(List<String> args, String cwd, boolean writes) {
    }

    /** What the web app polls: the data version, and the writing command running now (null when none). */
    record Status(long version, String running) {
    }

    private final JobRunner runner;
    private final byte[] key;
    private final ReentrantLock writer = new ReentrantLock(true);
    private final AtomicLong version = new AtomicLong();
    private final AtomicReference<String> running = new AtomicReference<>();
    private final ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "loupe-job-heartbeat");
        t.setDaemon(true);
        return t;
    });

    ProjectJobs(JobRunner runner, String key) {
        this.runner = runner;
        this.key = key.getBytes(StandardCharsets.US_ASCII);
    }

    Status status() {
        return new Status(version.get(), running.get());
    }

    long version() {
        return version.get();
    }

    void handle(Context ctx) throws IOException {
        if (!fromThisMachine(ctx.req().getRemoteAddr())) {
            throw new ApiError(403, "forbidden", "jobs are only accepted from this machine");
        }
        String given = ctx.header("X-Loupe-Job-Key");
        if (runner == null || given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII), key)) {
            throw new ApiError(403, "forbidden", "a job needs the key of this server's " + ServerRegistration.FILE);
        }
        JobRequest job = Json.body(ctx, JobRequest.class);
        if (job.args() == null || job.args().isEmpty() || job.cwd() == null || !Path.of(job.cwd()).isAbsolute()) {
            throw new BadRequest("a job needs args (non-empty) and cwd (an absolute path)");
        }
        ctx.contentType("application/octet-stream");
        DataOutputStream frames = new DataOutputStream(ctx.outputStream());
        var beat = beats.scheduleAtFixedRate(() -> frame(frames, BEAT, new byte[0]), BEAT_SECONDS, BEAT_SECONDS, TimeUnit.SECONDS);
        int code;
        try (PrintWriter out = writer(frames, OUT); PrintWriter err = writer(frames, ERR)) {
            code = job.writes() ? runWriting(job, out, err) : runner.run(job.args(), Path.of(job.cwd()), out, err);
        } finally {
            beat.cancel(false);
        }
        frame(frames, EXIT, new byte[] {(byte) (code >>> 24), (byte) (code >>> 16), (byte) (code >>> 8), (byte) code});
    }

    private int runWriting(JobRequest job, PrintWriter out, PrintWriter err) {
        if (writer.isLocked()) {
            err.println("loupe: waiting for '" + running.get() + "' to finish in the server...");
        }
        writer.lock();
        try {
            running.set(String.join(" ", job.args().subList(0, Math.min(2, job.args().size()))));
            return runner.run(job.args(), Path.of(job.cwd()), out, err);
        } finally {
            running.set(null);
            version.incrementAndGet();
            writer.unlock();
        }
    }

    /** A writer whose every flush becomes one frame (so frames hold whole UTF-8 sequences). */
    private PrintWriter writer(DataOutputStream frames, byte type) {
        OutputStream sink = new OutputStream() {
            private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                buffer.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.write(b, off, len);
            }

            @Override
            public void close() {
                flush();
            }

            @Override
            public void flush() {
                if (buffer.size() > 0) {
                    frame(frames, type, buffer.toByteArray());
                    buffer.reset();
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), true);
    }

    /** Writes one frame; a caller that has gone away is no reason to stop the command. */
    private static void frame(DataOutputStream frames, byte type, byte[] payload) {
        synchronized (frames) {
            try {
                frames.writeByte(type);
                frames.writeInt(payload.length);
                frames.write(payload);
                frames.flush();
            } catch (IOException | RuntimeException ignored) {
                // the caller disconnected: the command goes on and its results are stored as usual
            }
        }
    }

    private static boolean fromThisMachine(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    void close() {
        beats.shutdownNow();
    }
}
