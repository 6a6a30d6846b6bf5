package dev.loupe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The note a running server leaves in its project folder ({@value #FILE}) so that a CLI command on
 * the same project hands its work to the server instead of failing on DuckDB's file lock: the
 * server's process id, the loopback address of its job endpoint, and a random key that the endpoint
 * requires. The file is readable by its owner only (the key is what lets a caller run commands), is
 * written when the server starts and removed when it stops; one left by a killed server names a
 * process that no longer runs and is ignored.
 *
 * @param pid the server's process id
 * @param url the server's base address on loopback, ending in '/'
 * @param key the job endpoint's key (64 hex digits)
 */
public record ServerRegistration(long pid, String url, String key) {
    public static final String FILE = ".loupe-serve.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A registration of this process for a server listening on {@code url}, with a fresh key. */
    static ServerRegistration forThisProcess(String url) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ServerRegistration(ProcessHandle.current().pid(), url, HexFormat.of().formatHex(key));
    }

    /** Writes the note into the project folder, owner-readable only, replacing a stale one. */
    void write(Path projectDir) throws IOException {
        Path file = projectDir.resolve(FILE);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another server registered itself in " + projectDir + " at the same moment", e);
        }
        Files.write(file, MAPPER.writeValueAsBytes(this), StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Removes the note if it is still this registration's. */
    void remove(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        try {
            if (read(projectDir).filter(this::equals).isPresent()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the server is stopping; a note left behind names a dead process and is ignored
        }
    }

    /** The registration of a server that is running on this project now, if any. */
    public static Optional<ServerRegistration> live(Path projectDir) {
        Optional<ServerRegistration> r = read(projectDir);
        return r.filter(x -> ProcessHandle.of(x.pid()).map(ProcessHandle::isAlive).orElse(false)
                && x.pid() != ProcessHandle.current().pid());
    }

    private static Optional<ServerRegistration> read(Path projectDir) {
        Path file = projectDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            ServerRegistration r = MAPPER.readValue(file.toFile(), ServerRegistration.class);
            return r.url() == null || r.key() == null ? Optional.empty() : Optional.of(r);
        } catch (IOException e) {
            return Optional.empty(); // half-written or foreign: not a server we can reach
        }
    }
}
